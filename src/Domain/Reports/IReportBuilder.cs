using Microsoft.Extensions.Logging;

namespace Courier.Domain.Reports;

/// <summary>
/// The first half of a run for one report: resolve the source's connection and secrets, apply the
/// task's filters and parameters, check the report's conditions, read the source, run the processing
/// script, write the output files to Blob Storage and record them. Every line worth keeping goes to
/// <paramref name="runLog"/> (the run's log file). Throws on failure with a message that names the
/// report and what failed, never a secret.
/// </summary>
public interface IReportBuilder
{
    Task<ReportBuildResult> BuildAsync(ReportBuildRequest request, ILogger runLog, CancellationToken cancellationToken);
}
