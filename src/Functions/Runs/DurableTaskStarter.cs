using Courier.Domain.Runs;
using Courier.Domain.Starting;
using Courier.Durable;
using Courier.Durable.Client;
using Courier.Functions.Orchestrations;

namespace Courier.Functions.Runs;

/// <summary>
/// Starts a run as a durable <see cref="RunTaskOrchestrator"/> instance, once: disabled tasks never
/// run, and a task that already has a run going reports that run instead of starting another.
/// "Started" means the instance exists in storage, so it runs even if this host stops right after.
/// </summary>
public sealed class DurableTaskStarter(DurableTaskClient client, ActiveRuns active, RunRepository runs, TimeProvider time) : ITaskStarter
{
    public async Task<TaskStartResult> StartAsync(StartableTask task, StartTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(trigger);
        if (!task.Enabled)
        {
            return new TaskStartResult(TaskStartStatus.Disabled, null);
        }
        var runId = $"run-{Guid.NewGuid():N}";
        var (claimed, heldBy) = await active.TryClaimAsync(task.Id, runId, IsActiveAsync, cancellationToken);
        if (!claimed)
        {
            return new TaskStartResult(TaskStartStatus.AlreadyRunning, heldBy);
        }
        try
        {
            await runs.SaveAsync(new RunRecord
            {
                RunId = runId,
                TaskId = task.Id,
                TaskName = task.Name,
                TriggerKind = trigger.Kind,
                TriggeredBy = trigger.By,
                CreatedAt = time.GetUtcNow(),
            }, cancellationToken);
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(RunTaskOrchestrator),
                new RunTaskInput(runId, task.Id, trigger.Kind, trigger.By),
                new StartOrchestrationOptions { InstanceId = runId },
                cancellationToken);
        }
        catch
        {
            await active.ReleaseAsync(task.Id, runId, CancellationToken.None);
            throw;
        }
        return new TaskStartResult(TaskStartStatus.Started, runId);
    }

    private async Task<bool> IsActiveAsync(string runId) =>
        await client.GetInstanceAsync(runId) is { IsCompleted: false };
}
