using Courier.Domain.Reports;
using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Runs;
using Microsoft.Extensions.Logging;

namespace Courier.Functions.Activities;

/// <summary>Builds one report's files (source → processing → output files in Blob Storage).</summary>
public sealed class BuildReportActivity(IReportBuilder builder, RunLogStore logs, RunCancellations cancellations) : TaskActivity<RunStepInput, ReportBuildResult>
{
    public override async Task<ReportBuildResult> RunAsync(TaskActivityContext context, RunStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var report = input.ReportName ?? throw new ArgumentException("BuildReport needs a report name.", nameof(input));
        await using var log = logs.Open(input.Run, $"report {report}");
        var (task, project, startedAt) = input.Snapshot;
        using var watch = cancellations.Watch(input.Run.TaskId, input.Run.RunId, context.CancellationToken);
        try
        {
            var result = await builder.BuildAsync(new ReportBuildRequest(task, project, report, input.Run.RunId, startedAt), log, watch.Token);
            foreach (var file in result.Files)
            {
                log.LogInformation("Built {File}: {Size} bytes, {Rows} rows, sha256 {Sha256}.", file.Name, file.Size, file.RowCount, file.Sha256);
            }
            if (result.SkippedReason is { } skipped)
            {
                log.LogWarning("Skipped: {Reason}", skipped);
            }
            return result;
        }
        catch (OperationCanceledException) when (watch.RunCancelled)
        {
            log.LogWarning("Stopped: the run was cancelled.");
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("Failed: {Reason}", e.Message);
            throw;
        }
    }
}
