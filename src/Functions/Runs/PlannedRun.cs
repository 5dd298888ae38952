namespace Courier.Functions.Runs;

/// <summary>One task's run inside a project run, its id chosen when the project run was planned.</summary>
public sealed record PlannedRun(Guid TaskId, string TaskName, string RunId);
