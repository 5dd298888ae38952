namespace Courier.Durable;

/// <summary>The lifecycle state of an orchestration instance (names match Durable Task).</summary>
public enum OrchestrationRuntimeStatus
{
    Running,
    Completed,
    ContinuedAsNew,
    Failed,
    Canceled,
    Terminated,
    Pending,
    Suspended,
}
