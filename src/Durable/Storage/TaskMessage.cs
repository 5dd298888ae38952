using Courier.Durable.Execution;

namespace Courier.Durable.Storage;

/// <summary>A queue message: an event for one instance (and, when set, one execution of it).</summary>
internal sealed record TaskMessage
{
    public required string InstanceId { get; init; }

    /// <summary>The execution the event belongs to; null means "whatever runs now" (client events, terminate).</summary>
    public string? ExecutionId { get; init; }

    public required HistoryEvent Event { get; init; }
}
