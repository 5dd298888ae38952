using Courier.Domain.Pipeline.Storage;

namespace Courier.Domain.Reports;

/// <summary>
/// What building one report gave: its stored files (already recorded as RunFile rows), or the reason
/// it was skipped (a report-level condition did not hold) with no files.
/// </summary>
public sealed record ReportBuildResult(string ReportName, IReadOnlyList<RunFile> Files, string? SkippedReason = null);
