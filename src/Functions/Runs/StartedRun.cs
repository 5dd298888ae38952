namespace Courier.Functions.Runs;

/// <summary>The answer to a manual start: which run to follow.</summary>
public sealed record StartedRun(Guid TaskId, string RunId);
