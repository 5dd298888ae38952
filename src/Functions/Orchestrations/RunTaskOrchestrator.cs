using Courier.Domain.Model;
using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Activities;
using Courier.Functions.Runs;
using NotificationOutcome = Courier.Domain.Notifications.RunOutcome;
using RunSummary = Courier.Domain.Notifications.RunSummary;

namespace Courier.Functions.Orchestrations;

/// <summary>
/// One run of a task. The definition is read once, at the start, and kept in history, so edits made
/// while the run (or its retries) is going do not change it. Each attempt is <see cref="RunAttempt"/>;
/// a failed attempt with retries left waits on a durable timer (status RetryScheduled, with the next
/// attempt's time) that a <see cref="RunEvents.CancelRetry"/> event can cut short. A task timeout is a
/// durable timer racing the attempt. Deterministic: time comes from the context.
/// </summary>
public sealed class RunTaskOrchestrator : TaskOrchestrator<RunTaskInput, RunResult>
{
    public override async Task<RunResult> RunAsync(TaskOrchestrationContext context, RunTaskInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var snapshot = await context.CallActivityAsync<RunSnapshot?>(nameof(BeginRunActivity), input);
        if (snapshot is null)
        {
            return await FinishAsync(context, input, null, 1, new AttemptResult(RunStatus.Failed, "The task or its project no longer exists.", []));
        }
        var task = snapshot.Task;
        if (!task.Enabled)
        {
            return await FinishAsync(context, input, null, 1, new AttemptResult(RunStatus.Cancelled, "The task was disabled before the run began; disabled tasks never run.", []));
        }

        var step = new RunStepInput(input, snapshot);
        DateTime? deadline = task.Timeout is { } timeout ? context.CurrentUtcDateTime + timeout : null;
        for (var attempt = 1; ; attempt++)
        {
            var result = await AttemptWithinDeadlineAsync(context, step, attempt, deadline);
            if (result is null)
            {
                var timedOut = new AttemptResult(RunStatus.Failed, $"The run exceeded the task's timeout of {task.Timeout} and was stopped.", []);
                return await FinishAsync(context, input, snapshot, attempt, timedOut);
            }
            if (result.Status != RunStatus.Failed || attempt > task.Retry.MaxRetries)
            {
                return await FinishAsync(context, input, snapshot, attempt, result);
            }

            var delay = RetryDelay(task.Retry, attempt);
            var nextAttemptAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) + delay;
            await context.CallActivityAsync(nameof(RecordRunActivity),
                new RunProgress(input, attempt, RunStatus.RetryScheduled, result.Reason, nextAttemptAt));
            context.SetCustomStatus(new RunStep("retryScheduled", attempt) { NextAttemptAt = nextAttemptAt });
            try
            {
                // The durable timer of the wait is the retry delay: no event before it fires means "retry now".
                var cancelledBy = await context.WaitForExternalEvent<string?>(RunEvents.CancelRetry, delay);
                var by = cancelledBy is { Length: > 0 } who ? $" by {who}" : "";
                return await FinishAsync(context, input, snapshot, attempt,
                    result with { Reason = $"{result.Reason} The pending retry was cancelled{by}." });
            }
            catch (TaskCanceledException)
            {
                // The retry is due.
            }
        }
    }

    /// <summary>The attempt, or null when the task's deadline passed first.</summary>
    private static async Task<AttemptResult?> AttemptWithinDeadlineAsync(TaskOrchestrationContext context, RunStepInput step, int attempt, DateTime? deadline)
    {
        var work = RunAttempt.RunAsync(context, step, attempt);
        if (deadline is null)
        {
            return await work;
        }
        using var cancelTimer = new CancellationTokenSource();
        var timer = context.CreateTimer(deadline.Value, cancelTimer.Token);
        if (await Task.WhenAny(work, timer) == work)
        {
            cancelTimer.Cancel();
            return await work;
        }
        return null;
    }

    /// <summary>The wait before retry number <paramref name="attempt"/>: first delay × backoff^(attempt−1), capped.</summary>
    private static TimeSpan RetryDelay(Domain.Model.RetryPolicy retry, int attempt)
    {
        var ticks = retry.FirstDelay.Ticks * Math.Pow(retry.BackoffCoefficient, attempt - 1);
        return ticks >= retry.MaxDelay.Ticks ? retry.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Notifications (when the task was read), the run's final record, then the tasks that wait for this one.</summary>
    private static async Task<RunResult> FinishAsync(
        TaskOrchestrationContext context, RunTaskInput input, RunSnapshot? snapshot, int attempt, AttemptResult result)
    {
        var outcome = Outcome(result.Status);
        if (snapshot is { Task.Notifications.Count: > 0 } && outcome is { } notified)
        {
            context.SetCustomStatus(new RunStep("notifying", attempt));
            var summary = new RunSummary(input.TaskId.ToString("D"), snapshot.Task.Name, input.RunId, Notified(notified),
                snapshot.StartedAt, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero))
            {
                Files = [.. result.Files.Select(f => f.Name)],
                StoredFiles = result.Files,
                RowCount = result.Files.Count > 0 ? result.Files.Sum(f => f.RowCount) : null,
                Error = result.Status == RunStatus.Failed ? result.Reason : null,
            };
            await context.CallActivityAsync(nameof(NotifyActivity), new RunStepInput(input, snapshot) { Summary = summary });
        }
        await context.CallActivityAsync(nameof(FinishRunActivity), new RunProgress(input, attempt, result.Status, result.Reason));
        if (outcome is { } ended)
        {
            await context.CallActivityAsync(nameof(StartDependentsActivity), new FinishedRun(input, ended));
        }
        context.SetCustomStatus(new RunStep("finished", attempt) { Status = result.Status.ToString() });
        return new RunResult(result.Status, result.Reason, attempt);
    }

    private static NotificationOutcome Notified(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Success => NotificationOutcome.Success,
        RunOutcome.Warning => NotificationOutcome.Warning,
        _ => NotificationOutcome.Error,
    };

    private static RunOutcome? Outcome(RunStatus status) => status switch
    {
        RunStatus.Succeeded => RunOutcome.Success,
        RunStatus.Warning => RunOutcome.Warning,
        RunStatus.Failed => RunOutcome.Error,
        _ => null,
    };
}
