namespace Courier.Durable;

/// <summary>An activity or sub-orchestration failed; the original failure is in <see cref="FailureDetails"/>.</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails ?? throw new ArgumentNullException(nameof(failureDetails));
    }

    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails { ErrorType = "unknown", ErrorMessage = "unknown" })
    {
    }

    public TaskFailedException(string message)
        : this("unknown", -1, new TaskFailureDetails { ErrorType = "unknown", ErrorMessage = message })
    {
    }

    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        TaskId = -1;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    public string TaskName { get; }

    public int TaskId { get; }

    public TaskFailureDetails FailureDetails { get; }
}
