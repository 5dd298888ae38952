using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Runs;
using Microsoft.Extensions.Logging;

namespace Courier.Functions.Activities;

/// <summary>Records a run's state while it is still going (e.g. RetryScheduled with the next attempt's time).</summary>
public sealed class RecordRunActivity(RunRepository runs, RunLogStore logs) : TaskActivity<RunProgress, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RunProgress input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        // A run that has ended (cancelled while this step ran) keeps its ending.
        _ = await runs.UpdateAsync(input.Run.TaskId, input.Run.RunId, run => run.IsFinished ? null : run with
        {
            Attempt = input.Attempt,
            Status = input.Status,
            Reason = input.Reason,
            NextAttemptAt = input.NextAttemptAt,
        }, context.CancellationToken) ?? throw new InvalidOperationException($"Run {input.Run.RunId} has no record.");
        await using (var log = logs.Open(input.Run, "run"))
        {
            log.LogInformation("Attempt {Attempt}: {Status}. {Reason}", input.Attempt, input.Status, input.Reason);
        }
        return true;
    }
}
