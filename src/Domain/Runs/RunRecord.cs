namespace Courier.Domain.Runs;

/// <summary>One run of a task: who started it, how far it got, and how it ended.</summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }

    public required Guid TaskId { get; init; }

    public string TaskName { get; init; } = "";

    public Guid ProjectId { get; init; }

    /// <summary>schedule, http, queue, manual, retry, dependency or blob.</summary>
    public required string TriggerKind { get; init; }

    public required string TriggeredBy { get; init; }

    /// <summary>The run this one repeats, when it was started as a rerun.</summary>
    public string? RerunOf { get; init; }

    public int Attempt { get; init; } = 1;

    public RunStatus Status { get; init; } = RunStatus.Queued;

    /// <summary>Why the run ended as it did (or is waiting); empty when it simply succeeded.</summary>
    public string Reason { get; init; } = "";

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public bool IsFinished => Status is RunStatus.Succeeded or RunStatus.Warning or RunStatus.Failed or RunStatus.Cancelled or RunStatus.NotRun;
}
