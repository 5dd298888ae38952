namespace Courier.Functions.Tests.Starts;

/// <summary>The tests that need <see cref="StartSeedHost"/> share one.</summary>
[CollectionDefinition(Name)]
public sealed class SharedStartSeedHost : ICollectionFixture<StartSeedHost>
{
    public const string Name = "start-seed-host";
}
