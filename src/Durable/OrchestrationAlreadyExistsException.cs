namespace Courier.Durable;

/// <summary>Thrown by a start whose instance id already exists in a deduplicated state.</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    public OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"Orchestration instance '{instanceId}' already exists with status {status}.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    public OrchestrationAlreadyExistsException()
        : this("unknown", OrchestrationRuntimeStatus.Pending)
    {
    }

    public OrchestrationAlreadyExistsException(string message)
        : base(message)
    {
        InstanceId = "unknown";
    }

    public OrchestrationAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = "unknown";
    }

    public string InstanceId { get; }

    public OrchestrationRuntimeStatus Status { get; }
}
