using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Runs;
using Microsoft.Extensions.Logging;

namespace Courier.Functions.Activities;

/// <summary>
/// Frees the task for its next run, then records how the run ended: in that order, so whoever sees the
/// run finished can start the task again at once (the other order answered "already running" meanwhile).
/// </summary>
public sealed class FinishRunActivity(RunRepository runs, ActiveRuns active, RunLogStore logs, TimeProvider time) : TaskActivity<RunProgress, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RunProgress input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await active.ReleaseAsync(input.Run.TaskId, input.Run.RunId, context.CancellationToken);
        var now = time.GetUtcNow();
        RunRecord Ended(RunRecord run) => run with
        {
            Attempt = input.Attempt,
            Status = input.Status,
            Reason = input.Reason,
            NextAttemptAt = null,
            CompletedAt = run.CompletedAt ?? now,
        };
        // A cancel that got in first stands: the run ends Cancelled, not with what its last step returned.
        var recorded = await runs.UpdateAsync(
            input.Run.TaskId, input.Run.RunId, run => run.Status == RunStatus.Cancelled ? null : Ended(run), context.CancellationToken);
        if (recorded is null)
        {
            await runs.SaveAsync(Ended(new RunRecord
            {
                RunId = input.Run.RunId,
                TaskId = input.Run.TaskId,
                TriggerKind = input.Run.TriggerKind,
                TriggeredBy = input.Run.TriggeredBy,
                CreatedAt = now,
            }), context.CancellationToken);
        }
        await using (var log = logs.Open(input.Run, "run"))
        {
            log.LogInformation("Run ended {Status} after {Attempts} attempt(s). {Reason}", input.Status, input.Attempt, input.Reason);
        }
        return true;
    }
}
