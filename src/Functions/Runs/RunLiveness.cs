using Courier.Domain.Runs;
using Courier.Durable.Client;

namespace Courier.Functions.Runs;

/// <summary>
/// Whether the run holding a task's claim is still going, which decides if a new start may take the claim over.
/// A run is recorded (Queued) a moment before its orchestration is created; a host that stops in between leaves a
/// Queued record with no instance. Such a run counts as going for <see cref="StartGrace"/> (it may be starting
/// right now, on another host), and after that as dead: its claim is taken over and its record marked Failed.
/// </summary>
public sealed class RunLiveness(DurableTaskClient client, RunRepository runs, TimeProvider time)
{
    /// <summary>Far longer than the milliseconds between the record and the instance, short enough that a crash does not block a task for long.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(1);

    public async Task<bool> IsActiveAsync(Guid taskId, string runId)
    {
        if (await client.GetInstanceAsync(runId) is { } instance)
        {
            return !instance.IsCompleted;
        }
        var record = await runs.GetAsync(taskId, runId, CancellationToken.None);
        if (record is not { Status: RunStatus.Queued })
        {
            return false;
        }
        if (time.GetUtcNow() - record.CreatedAt < StartGrace)
        {
            return true;
        }
        await runs.UpdateAsync(taskId, runId, current => current.Status == RunStatus.Queued
            ? current with { Status = RunStatus.Failed, Reason = "The run was recorded but never started: the host stopped before creating its orchestration." }
            : null, CancellationToken.None);
        return false;
    }
}
