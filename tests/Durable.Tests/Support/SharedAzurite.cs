using Courier.Testing;

namespace Courier.Durable.Tests.Support;

/// <summary>One Azurite for every storage test class; each test uses its own task hub.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAzurite : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
