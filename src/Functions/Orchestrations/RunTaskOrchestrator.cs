using Courier.Domain.Model;
using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Activities;
using Courier.Functions.Runs;

namespace Courier.Functions.Orchestrations;

/// <summary>
/// One run of a task. The definition is read once, at the start, and kept in history, so edits made
/// while the run (or its retries) is going do not change it. A failed attempt with retries left waits
/// on a durable timer (status RetryScheduled, with the next attempt's time) that a
/// <see cref="RunEvents.CancelRetry"/> event can cut short. Deterministic: time comes from the context.
/// </summary>
public sealed class RunTaskOrchestrator : TaskOrchestrator<RunTaskInput, RunResult>
{
    public override async Task<RunResult> RunAsync(TaskOrchestrationContext context, RunTaskInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var task = await context.CallActivityAsync<TaskDefinition?>(nameof(BeginRunActivity), input);
        if (task is null)
        {
            return await FinishAsync(context, input, 1, RunStatus.Failed, "The task no longer exists.");
        }
        if (!task.Enabled)
        {
            return await FinishAsync(context, input, 1, RunStatus.Cancelled, "The task was disabled before the run began; disabled tasks never run.");
        }

        for (var attempt = 1; ; attempt++)
        {
            context.SetCustomStatus(new { step = "running", attempt });
            var (status, reason) = Attempt(task);
            if (status != RunStatus.Failed || attempt > task.Retry.MaxRetries)
            {
                return await FinishAsync(context, input, attempt, status, reason);
            }

            var delay = RetryDelay(task.Retry, attempt);
            var nextAttemptAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) + delay;
            await context.CallActivityAsync(nameof(RecordRunActivity),
                new RunProgress(input, attempt, RunStatus.RetryScheduled, reason, nextAttemptAt));
            context.SetCustomStatus(new { step = "retryScheduled", attempt, nextAttemptAt });
            try
            {
                // The durable timer of the wait is the retry delay: no event before it fires means "retry now".
                var cancelledBy = await context.WaitForExternalEvent<string?>(RunEvents.CancelRetry, delay);
                var by = cancelledBy is { Length: > 0 } who ? $" by {who}" : "";
                return await FinishAsync(context, input, attempt, RunStatus.Failed, $"{reason} The pending retry was cancelled{by}.");
            }
            catch (TaskCanceledException)
            {
                // The retry is due.
            }
        }
    }

    /// <summary>
    /// One attempt at the task's work. Report building and delivery are not connected to runs yet,
    /// so a task with reports fails with that reason instead of pretending to have produced files.
    /// </summary>
    private static (RunStatus Status, string Reason) Attempt(TaskDefinition task) =>
        task.Reports.Count == 0
            ? (RunStatus.Warning, "The task has no reports, so no file was produced.")
            : (RunStatus.Failed, "Courier cannot build reports in runs yet: the report pipeline is not connected to the run orchestration.");

    /// <summary>The wait before retry number <paramref name="attempt"/>: first delay × backoff^(attempt−1), capped.</summary>
    private static TimeSpan RetryDelay(Domain.Model.RetryPolicy retry, int attempt)
    {
        var ticks = retry.FirstDelay.Ticks * Math.Pow(retry.BackoffCoefficient, attempt - 1);
        return ticks >= retry.MaxDelay.Ticks ? retry.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private static async Task<RunResult> FinishAsync(
        TaskOrchestrationContext context, RunTaskInput input, int attempt, RunStatus status, string reason)
    {
        await context.CallActivityAsync(nameof(FinishRunActivity), new RunProgress(input, attempt, status, reason));
        context.SetCustomStatus(new { step = "finished", attempt, status = status.ToString() });
        return new RunResult(status, reason, attempt);
    }
}
