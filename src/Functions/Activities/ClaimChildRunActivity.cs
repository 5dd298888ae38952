using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Runs;

namespace Courier.Functions.Activities;

/// <summary>
/// Claims a task for a project run's child run and records it as queued, as any start does, so a task
/// already running is not run twice; returns the run that holds the task when the claim is refused.
/// </summary>
public sealed class ClaimChildRunActivity(ActiveRuns active, RunRepository runs, RunLiveness liveness, TimeProvider time)
    : TaskActivity<ChildRun, string?>
{
    public override async Task<string?> RunAsync(TaskActivityContext context, ChildRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var (task, project) = (input.Run, input.Project);
        var (claimed, heldBy) = await active.TryClaimAsync(task.TaskId, task.RunId,
            holder => liveness.IsActiveAsync(task.TaskId, holder), context.CancellationToken);
        if (!claimed && heldBy != task.RunId)
        {
            return heldBy ?? "another run";
        }
        if (await runs.GetAsync(task.TaskId, task.RunId, context.CancellationToken) is null)
        {
            await runs.SaveAsync(new RunRecord
            {
                RunId = task.RunId,
                TaskId = task.TaskId,
                TaskName = task.TaskName,
                ProjectId = project.ProjectId,
                TriggerKind = "project",
                TriggeredBy = project.RunId,
                CreatedAt = time.GetUtcNow(),
            }, context.CancellationToken);
        }
        return null;
    }
}
