using Courier.Domain.Model;
using Courier.Domain.Runs;
using Courier.Domain.Starting;
using Courier.Domain.Storage;
using Courier.Durable;
using Courier.Functions.Runs;
using Microsoft.Extensions.Logging;

namespace Courier.Functions.Activities;

/// <summary>
/// Reads the task and project the run will use (its snapshot; null when the task is gone) and records
/// the run as running.
/// </summary>
public sealed class BeginRunActivity(
    TaskRepository tasks, ProjectRepository projects, RunRepository runs, RunLogStore logs, RunTaskSnapshots snapshots, TimeProvider time)
    : TaskActivity<RunTaskInput, RunSnapshot?>
{
    public override async Task<RunSnapshot?> RunAsync(TaskActivityContext context, RunTaskInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var stored = await tasks.GetAsync(input.TaskId, context.CancellationToken);
        var now = time.GetUtcNow();
        RunRecord Running(RunRecord? existing) => new()
        {
            RunId = input.RunId,
            TaskId = input.TaskId,
            TaskName = stored?.Value.Name ?? existing?.TaskName ?? "",
            ProjectId = stored?.Value.ProjectId ?? Guid.Empty,
            TriggerKind = input.TriggerKind,
            TriggeredBy = input.TriggeredBy,
            RerunOf = input.RerunOf,
            Status = RunStatus.Running,
            CreatedAt = existing?.CreatedAt ?? now,
            StartedAt = existing?.StartedAt ?? now,
        };
        // A run cancelled before this step began stays cancelled.
        var recorded = await runs.UpdateAsync(input.TaskId, input.RunId, run => run.IsFinished ? null : Running(run), context.CancellationToken);
        if (recorded is null)
        {
            await runs.SaveAsync(Running(null), context.CancellationToken);
        }
        var project = stored is null ? null : await projects.GetAsync(stored.Value.ProjectId, context.CancellationToken);
        await using (var log = logs.Open(input, "run"))
        {
            log.LogInformation("Run {RunId} of task {Task} started by {Kind} ({By}).", input.RunId, stored?.Value.Name ?? input.TaskId.ToString(), input.TriggerKind, input.TriggeredBy);
        }
        if (stored is null || project is null)
        {
            return null;
        }
        var task = WithArrival(stored.Value, input.Arrival);
        await snapshots.SaveAsync(input.RunId, task, context.CancellationToken);
        return new RunSnapshot(task, project.Value, recorded?.StartedAt ?? now);
    }

    /// <summary>A run started by a blob's arrival reads that blob in the reports that fetch remote files from its connection.</summary>
    private static TaskDefinition WithArrival(TaskDefinition task, BlobArrival? arrival) => arrival is null ? task : task with
    {
        Reports = [.. task.Reports.Select(r => r.Source is { Kind: SourceKind.RemoteFile } source && source.ConnectionId == arrival.ConnectionId
            ? r with { Source = source with { Path = arrival.BlobName } }
            : r)],
    };
}
