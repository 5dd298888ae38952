using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>
/// One Azurite for every test class that needs storage: starting one per class on two busy cores made
/// Azurite miss its readiness deadline. Classes in the collection run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedStorage : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "storage";
}
