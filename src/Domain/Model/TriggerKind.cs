namespace Courier.Domain.Model;

/// <summary>An event that starts a task (schedules are separate).</summary>
public enum TriggerKind
{
    /// <summary>Another task finished with one of the given outcomes.</summary>
    TaskCompleted,

    /// <summary>A blob appeared under a path prefix of a blob connection.</summary>
    BlobCreated,
}
