using Courier.Domain.Runs;
using Courier.Domain.Starting;
using Courier.Durable;
using Courier.Durable.Client;
using Courier.Functions.Orchestrations;

namespace Courier.Functions.Runs;

/// <summary>
/// Starts a run as a durable <see cref="RunTaskOrchestrator"/> instance, once: disabled tasks never
/// run, and a task that already has a run going reports that run instead of starting another (unless
/// it allows concurrent runs).
/// "Started" means the instance exists in storage, so it runs even if this host stops right after.
/// This is the one-at-a-time path, for run ids fixed by the trigger (schedule occurrences); fresh starts share
/// their storage requests through <see cref="BatchedTaskStarter"/>.
/// </summary>
public sealed class DurableTaskStarter(DurableTaskClient client, ActiveRuns active, RunRepository runs, RunLiveness liveness, TimeProvider time) : ITaskStarter
{
    public async Task<TaskStartResult> StartAsync(StartableTask task, StartTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(trigger);
        if (!task.Enabled)
        {
            return new TaskStartResult(TaskStartStatus.Disabled, null);
        }
        var runId = trigger.RunId ?? $"run-{Guid.NewGuid():N}";
        if (trigger.RunId is not null && await client.GetInstanceAsync(runId, cancellationToken: cancellationToken) is not null)
        {
            // Another host (or an earlier tick) already started this occurrence.
            return new TaskStartResult(TaskStartStatus.AlreadyRunning, runId);
        }
        var (claimed, heldBy) = task.AllowConcurrentRuns ? (true, null) : await active.TryClaimAsync(
            task.Id, runId, holder => liveness.IsActiveAsync(task.Id, holder), cancellationToken);
        if (!claimed)
        {
            return new TaskStartResult(TaskStartStatus.AlreadyRunning, heldBy);
        }
        try
        {
            // A fixed id may belong to a run another host started and finished meanwhile: keep its record.
            if (trigger.RunId is null || await runs.GetAsync(task.Id, runId, cancellationToken) is null)
            {
                await runs.SaveAsync(QueuedRecord(task, trigger, runId, time.GetUtcNow()), cancellationToken);
            }
            var orchestration = Orchestration(task, trigger, runId);
            var started = await client.TryScheduleNewOrchestrationInstanceAsync(
                orchestration.Name, orchestration.Input, orchestration.Options, cancellationToken);
            if (!started.Created)
            {
                await active.ReleaseAsync(task.Id, runId, CancellationToken.None);
                return new TaskStartResult(TaskStartStatus.AlreadyRunning, runId);
            }
        }
        catch
        {
            await active.ReleaseAsync(task.Id, runId, CancellationToken.None);
            throw;
        }
        return new TaskStartResult(TaskStartStatus.Started, runId);
    }

    /// <summary>The record a start writes before creating the run's orchestration.</summary>
    internal static RunRecord QueuedRecord(StartableTask task, StartTrigger trigger, string runId, DateTimeOffset at) => new()
    {
        RunId = runId,
        TaskId = task.Id,
        TaskName = task.Name,
        TriggerKind = trigger.Kind,
        TriggeredBy = trigger.By,
        RerunOf = trigger.RerunOf,
        CreatedAt = at,
    };

    /// <summary>The run's orchestration instance, whose id is the run id.</summary>
    internal static NewOrchestration Orchestration(StartableTask task, StartTrigger trigger, string runId) => new(
        nameof(RunTaskOrchestrator),
        new RunTaskInput(runId, task.Id, trigger.Kind, trigger.By) { Arrival = trigger.Arrival, RerunOf = trigger.RerunOf },
        new StartOrchestrationOptions { InstanceId = runId });
}
