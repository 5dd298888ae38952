namespace Courier.Durable;

/// <summary>What an activity knows about its invocation.</summary>
public sealed class TaskActivityContext
{
    internal TaskActivityContext(string name, string instanceId, string idempotencyKey, CancellationToken cancellationToken)
    {
        Name = name;
        InstanceId = instanceId;
        IdempotencyKey = idempotencyKey;
        CancellationToken = cancellationToken;
    }

    public string Name { get; }

    public string InstanceId { get; }

    /// <summary>
    /// <c>{instanceId}:{executionId}:{taskId}</c>: identical on every re-run of this activity call, so a
    /// side effect keyed by it happens once even though activities run at least once.
    /// </summary>
    public string IdempotencyKey { get; }

    /// <summary>Signalled when the worker shuts down.</summary>
    public CancellationToken CancellationToken { get; }
}
