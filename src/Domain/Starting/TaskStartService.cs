namespace Courier.Domain.Starting;

/// <summary>
/// The one path every outside start takes (HTTP in either form, queue messages): plan, then start
/// each allowed, enabled task once. "Started" means a durable run exists, not merely that it was asked for.
/// </summary>
public sealed class TaskStartService(StartPlanner planner, ITaskStarter starter)
{
    public async Task<StartReport> StartAsync(
        StartSelection selection, StartAllowList allowList, StartTrigger trigger, CancellationToken cancellationToken)
    {
        var plan = await planner.PlanAsync(selection, allowList, cancellationToken);
        var outcomes = new List<StartedTask>(plan.Tasks.Count);
        foreach (var planned in plan.Tasks)
        {
            if (planned.Verdict is { } verdict)
            {
                outcomes.Add(new StartedTask(planned, verdict, null, planned.Reason));
                continue;
            }
            var result = await starter.StartAsync(planned.Task, trigger, cancellationToken);
            var reason = result.Status switch
            {
                TaskStartStatus.AlreadyRunning => "The task is already running and does not allow concurrent runs.",
                TaskStartStatus.Disabled => "The task is disabled; disabled tasks never run.",
                _ => null,
            };
            outcomes.Add(new StartedTask(planned, result.Status, result.RunId, reason));
        }
        return new StartReport(plan, outcomes);
    }
}
