namespace Courier.Durable;

/// <summary>Options for a sub-orchestration; without an instance id a deterministic one is generated.</summary>
public sealed class SubOrchestrationOptions : TaskOptions
{
    public SubOrchestrationOptions(string? instanceId = null, RetryPolicy? retry = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    public string? InstanceId { get; }
}
