using Courier.Durable.Execution;

namespace Courier.Durable.Dispatch;

/// <summary>The messages of a batch sorted into events to apply, messages to delete, and messages to retry later.</summary>
internal sealed class FilterResult
{
    public List<HistoryEvent> Accepted { get; } = [];

    /// <summary>Messages this episode is done with: applied or recognised as stale or duplicate.</summary>
    public List<ReceivedMessage> Consumed { get; } = [];

    public List<ReceivedMessage> Dropped { get; } = [];

    /// <summary>Messages that arrived too early (instance not started yet); they come back later.</summary>
    public List<ReceivedMessage> Deferred { get; } = [];
}
