namespace Courier.Durable;

/// <summary>How a new instance is started.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>The instance id; a random one is generated when null. May contain ':' and '/'.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Delays the start until this time (a durable delayed message).</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>
    /// An existing instance in one of these states makes the start a no-op. Null means the default:
    /// Pending, Running, Suspended and Completed. Failed or terminated instances are restarted.
    /// </summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? DedupeStatuses { get; init; }
}
