namespace Courier.Functions.Runs;

/// <summary>The answer to a project start: the project run to follow; its task runs are listed under <c>/api/runs?projectId=</c>.</summary>
public sealed record StartedProjectRun(Guid ProjectId, string RunId);
