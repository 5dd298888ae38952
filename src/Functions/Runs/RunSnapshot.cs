using Courier.Domain.Model;

namespace Courier.Functions.Runs;

/// <summary>
/// The task and its project as they were when the run began, kept in the orchestration's history so
/// edits made while the run (or its retries) is going do not change it; <paramref name="StartedAt"/>
/// fixes the dates of file names and date parameters for every attempt.
/// </summary>
public sealed record RunSnapshot(TaskDefinition Task, Project Project, DateTimeOffset StartedAt);
