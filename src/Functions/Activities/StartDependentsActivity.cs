using Courier.Domain.Model;
using Courier.Domain.Starting;
using Courier.Domain.Storage;
using Courier.Durable;
using Courier.Functions.Runs;

namespace Courier.Functions.Activities;

/// <summary>
/// Starts the tasks whose <see cref="TriggerKind.TaskCompleted"/> trigger names the finished task and its
/// outcome. Each dependent run's id is derived from the upstream run, so a re-executed activity starts
/// nothing twice. Returns the runs started.
/// </summary>
public sealed class StartDependentsActivity(TaskRepository tasks, ITaskStarter starter) : TaskActivity<FinishedRun, IReadOnlyList<string>>
{
    public override async Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, FinishedRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var started = new List<string>();
        await foreach (var stored in tasks.DependentsOfAsync(input.Run.TaskId, context.CancellationToken))
        {
            var task = stored.Value;
            var listens = task.Triggers.Any(t => t is { Enabled: true, Kind: TriggerKind.TaskCompleted }
                && t.UpstreamTaskId == input.Run.TaskId && t.On.Contains(input.Outcome));
            if (!listens)
            {
                continue;
            }
            var runId = $"after-{input.Run.RunId}-{task.Id:N}";
            var result = await starter.StartAsync(
                StartableTask.From(task),
                new StartTrigger("dependency", input.Run.RunId, input.Run.RunId) { RunId = runId },
                context.CancellationToken);
            if (result.Status == TaskStartStatus.Started)
            {
                started.Add(runId);
            }
        }
        return started;
    }
}
