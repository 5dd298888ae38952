using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Runs;

namespace Courier.Functions.Activities;

/// <summary>Records a task of a project run that did not run, with the reason (series stopped, or already running).</summary>
public sealed class RecordNotRunActivity(RunRepository runs, TimeProvider time) : TaskActivity<ChildRun, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ChildRun input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        await runs.SaveAsync(new RunRecord
        {
            RunId = input.Run.RunId,
            TaskId = input.Run.TaskId,
            TaskName = input.Run.TaskName,
            ProjectId = input.Project.ProjectId,
            TriggerKind = "project",
            TriggeredBy = input.Project.RunId,
            Status = RunStatus.NotRun,
            Reason = input.Reason ?? "",
            CreatedAt = now,
            CompletedAt = now,
        }, context.CancellationToken);
        return true;
    }
}
