namespace Courier.Functions.Tests.Runs;

/// <summary>The two-host schedule test runs by itself, after the tests that run in parallel.</summary>
[CollectionDefinition(TwoHostScheduleTests.Name, DisableParallelization = true)]
public sealed class TwoHostScheduleRunsAlone;
