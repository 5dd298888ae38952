using Courier.Domain.Model;

namespace Courier.Domain.Reports;

/// <summary>
/// One report of one run: the task as snapshotted when the run began, its project, which report,
/// and the run's identity and start time (date tokens and date parameters are computed from
/// <paramref name="RunStartedAt"/> in the task's time zone, so a retry builds the same names).
/// </summary>
public sealed record ReportBuildRequest(TaskDefinition Task, Project Project, string ReportName, string RunId, DateTimeOffset RunStartedAt);
