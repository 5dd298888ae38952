namespace Courier.Functions.Runs;

/// <summary>A task run a project run is about to start, or to record as not run with <see cref="Reason"/>.</summary>
public sealed record ChildRun(RunProjectInput Project, PlannedRun Run, string? Reason = null);
