using System.Text.Json.Serialization;
using Courier.Durable.Execution;

namespace Courier.Durable.Storage;

/// <summary>A queue message: an event for one instance (and, when set, one execution of it).</summary>
internal sealed record TaskMessage
{
    public required string InstanceId { get; init; }

    /// <summary>The execution the event belongs to; null means "whatever runs now" (client events, terminate).</summary>
    public string? ExecutionId { get; init; }

    public required HistoryEvent Event { get; init; }

    /// <summary>
    /// On a work item: attempts made in the process that scheduled it, before it was ever dequeued.
    /// They count towards poison like dequeues do.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int LocalAttempts { get; init; }
}
