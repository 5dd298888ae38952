namespace Courier.Domain.Starting;

/// <summary>What a start request did: the plan plus the outcome of each task it tried to start.</summary>
public sealed record StartReport(StartPlan Plan, IReadOnlyList<StartedTask> Tasks)
{
    public int TotalStarted => Tasks.Count(t => t.Status == TaskStartStatus.Started);
}
