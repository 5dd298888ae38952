namespace Courier.Functions.Tests.Runs;

/// <summary>The run API test classes share one set of <see cref="EndToEndServers"/> (and so one host), started once.</summary>
[CollectionDefinition(Name)]
public sealed class RunApiServers : ICollectionFixture<EndToEndServers>
{
    public const string Name = "run api";
}
