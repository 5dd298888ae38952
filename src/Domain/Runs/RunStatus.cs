namespace Courier.Domain.Runs;

/// <summary>Where a run is in its life.</summary>
public enum RunStatus
{
    Queued,
    Running,
    Succeeded,
    Warning,
    Failed,
    Cancelled,

    /// <summary>The last attempt failed and a durable timer holds the next one (see <see cref="RunRecord.NextAttemptAt"/>).</summary>
    RetryScheduled,
    /// <summary>A series project stopped before this task's turn (an earlier task failed); the reason says which.</summary>
    NotRun,
}
