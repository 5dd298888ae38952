using Courier.Domain.Model;
using Courier.Domain.Runs;
using Courier.Domain.Storage;
using Courier.Durable;
using Courier.Functions.Runs;

namespace Courier.Functions.Activities;

/// <summary>Reads the task definition the run will use (its snapshot) and records the run as running.</summary>
public sealed class BeginRunActivity(TaskRepository tasks, RunRepository runs, TimeProvider time)
    : TaskActivity<RunTaskInput, TaskDefinition?>
{
    public override async Task<TaskDefinition?> RunAsync(TaskActivityContext context, RunTaskInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var stored = await tasks.GetAsync(input.TaskId, context.CancellationToken);
        var existing = await runs.GetAsync(input.TaskId, input.RunId, context.CancellationToken);
        var now = time.GetUtcNow();
        await runs.SaveAsync(new RunRecord
        {
            RunId = input.RunId,
            TaskId = input.TaskId,
            TaskName = stored?.Value.Name ?? existing?.TaskName ?? "",
            ProjectId = stored?.Value.ProjectId ?? Guid.Empty,
            TriggerKind = input.TriggerKind,
            TriggeredBy = input.TriggeredBy,
            Status = RunStatus.Running,
            CreatedAt = existing?.CreatedAt ?? now,
            StartedAt = existing?.StartedAt ?? now,
        }, context.CancellationToken);
        return stored?.Value;
    }
}
