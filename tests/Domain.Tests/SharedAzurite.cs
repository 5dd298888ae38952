using Courier.Testing;

namespace Courier.Domain.Tests;

/// <summary>One Azurite for every storage test class; each test uses its own table prefix.</summary>
[CollectionDefinition(Name)]
public sealed class SharedAzurite : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
