using Azure;
using Courier.Durable.Execution;

namespace Courier.Durable.Storage;

/// <summary>
/// An instance's committed history as loaded from its History partition, with the sentinel ETag
/// that the next commit must match and any outbox messages the last commit has not yet sent.
/// </summary>
internal sealed class InstanceHistory
{
    public required string InstanceId { get; init; }

    /// <summary>The sentinel's ETag; null when the instance has never committed.</summary>
    public ETag? ETag { get; set; }

    public string? ExecutionId { get; set; }

    public long Checkpoint { get; set; }

    public List<HistoryEvent> Events { get; set; } = [];

    public List<OutboxMessage> PendingOutbox { get; set; } = [];

    /// <summary>Every outbox row present (pending ones and leftovers of failed attempts), deleted together.</summary>
    public List<string> OutboxRowKeys { get; set; } = [];

    public bool IsTerminal => Events.Count > 0 && Events[^1].Type is EventType.ExecutionCompleted or EventType.ExecutionTerminated;

    /// <summary>The ExecutionStarted event (right after the first OrchestratorStarted).</summary>
    public HistoryEvent? Start => Events.Take(2).FirstOrDefault(e => e.Type == EventType.ExecutionStarted);
}
