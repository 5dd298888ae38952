namespace Courier.Functions.Tests;

/// <summary>The host tests share one Azurite and one in-memory host (<see cref="HostFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class SharedHost : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
