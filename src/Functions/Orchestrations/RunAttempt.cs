using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Pipeline.Storage;
using Courier.Domain.Reports;
using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Activities;
using Courier.Functions.Runs;

namespace Courier.Functions.Orchestrations;

/// <summary>
/// One attempt at a run's work, as orchestration steps: the task's conditions → one activity per
/// report (fanned out) → one activity per delivery (fanned out) → the outcome. Every report and every
/// delivery is attempted even when another fails, so one bad destination does not hide the others'
/// problems; a retry repeats only what is not done (deliveries already made are no-ops by their key).
/// </summary>
internal static class RunAttempt
{
    private const int ReasonsShown = 3;

    public static async Task<AttemptResult> RunAsync(TaskOrchestrationContext context, RunStepInput step, int attempt)
    {
        var task = step.Snapshot.Task;
        if (task.Conditions.Count > 0)
        {
            context.SetCustomStatus(new RunStep("conditions", attempt));
            if (await context.CallActivityAsync<string?>(nameof(CheckConditionsActivity), step) is { } skipped)
            {
                return new AttemptResult(RunStatus.Warning, $"The run was skipped: {skipped}", []);
            }
        }
        if (task.Reports.Count == 0)
        {
            return new AttemptResult(RunStatus.Warning, "The task has no reports, so no file was produced.", []);
        }

        context.SetCustomStatus(new RunStep("building", attempt));
        var builds = task.Reports
            .Select(r => context.CallActivityAsync<ReportBuildResult>(nameof(BuildReportActivity), step with { ReportName = r.Name }))
            .ToList();
        if (await FailuresAsync(builds) is [_, ..] buildFailures)
        {
            return new AttemptResult(RunStatus.Failed, Summarise("report", buildFailures), []);
        }
        var reports = builds.Select(b => b.Result).ToList();
        var files = reports.SelectMany(r => r.Files).ToList();
        var skippedReports = reports.Where(r => r.SkippedReason is not null).Select(r => $"{r.ReportName}: {r.SkippedReason}").ToList();
        if (files.Count == 0)
        {
            var why = skippedReports.Count > 0 ? string.Join("; ", skippedReports) : "the reports produced no file";
            return new AttemptResult(RunStatus.Warning, $"No report produced a file ({why}).", []);
        }

        var items = await context.CallActivityAsync<IReadOnlyList<DeliveryItem>>(nameof(PlanDeliveriesActivity), step with { Reports = reports });
        var deliveryFailures = await DeliverAsync(context, step, attempt, files.Count, items);
        if (deliveryFailures.Count > 0)
        {
            return new AttemptResult(RunStatus.Failed, Summarise("delivery", deliveryFailures), files);
        }
        return skippedReports.Count > 0
            ? new AttemptResult(RunStatus.Warning, $"Some reports were skipped: {string.Join("; ", skippedReports)}.", files)
            : new AttemptResult(RunStatus.Succeeded, "", files);
    }

    /// <summary>Fans the deliveries out and keeps the custom status's count of finished ones current.</summary>
    private static async Task<List<string>> DeliverAsync(
        TaskOrchestrationContext context, RunStepInput step, int attempt, int filesBuilt, IReadOnlyList<DeliveryItem> items)
    {
        var status = new RunStep("delivering", attempt) { FilesBuilt = filesBuilt, DeliveriesTotal = items.Count };
        context.SetCustomStatus(status);
        var pending = items
            .Select(item => (item, task: context.CallActivityAsync<DeliveryReceipt>(nameof(DeliverActivity), step with { Delivery = item })))
            .ToList();
        var failures = new List<string>();
        for (var done = 1; pending.Count > 0; done++)
        {
            var finished = await Task.WhenAny(pending.Select(p => p.task));
            var index = pending.FindIndex(p => p.task == finished);
            var (item, _) = pending[index];
            pending.RemoveAt(index);
            if (Failure(finished) is { } failure)
            {
                failures.Add($"{item.File.Name} → {item.Target}: {failure}");
            }
            context.SetCustomStatus(status with { DeliveriesDone = done });
        }
        return failures;
    }

    private static async Task<List<string>> FailuresAsync<T>(List<Task<T>> tasks)
    {
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (TaskFailedException)
        {
            // Each failed task is reported below, not only the first one WhenAll rethrows.
        }
        return [.. tasks.Select(Failure).OfType<string>()];
    }

    private static string? Failure(Task task) => task.Exception?.InnerException switch
    {
        null => null,
        TaskFailedException failed => failed.FailureDetails.ErrorMessage,
        var other => other.Message,
    };

    private static string Summarise(string what, List<string> failures)
    {
        var shown = string.Join("; ", failures.Take(ReasonsShown));
        var more = failures.Count > ReasonsShown ? $" (and {failures.Count - ReasonsShown} more)" : "";
        return failures.Count == 1 ? $"A {what} failed: {shown}" : $"{failures.Count} {what} steps failed: {shown}{more}";
    }
}
