using Courier.Durable.Execution;
using Courier.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Decides which messages change the instance: drops messages of older executions, duplicate
/// completions and timer firings, redelivered events (same EventMessageId), duplicate starts, and
/// anything sent to a finished instance. Duplicates are normal under at-least-once delivery.
/// </summary>
internal sealed class EpisodeFilter(HubContext hub)
{
    private readonly ILogger _logger = hub.LoggerFactory.CreateLogger("Courier.Durable.Episode");
    private readonly InstanceRowWriter _rows = new(hub);

    public async Task<FilterResult> FilterAsync(InstanceSession session, IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        var history = session.History;
        var result = new FilterResult();
        var index = new HistoryIndex(history.Events);
        var executionId = history.ExecutionId;
        var started = history.Start is not null;
        var terminal = history.IsTerminal;
        var continuedAsNew = terminal && history.Events[^1] is { Type: EventType.ExecutionCompleted, Status: OrchestrationRuntimeStatus.ContinuedAsNew };
        var startAccepted = false;

        foreach (var message in messages.OrderBy(m => m.Message.Event.Type == EventType.ExecutionStarted ? 0 : 1))
        {
            var e = message.Message.Event;
            string? reason = null;
            if (e.Type == EventType.ExecutionStarted)
            {
                var startExecution = message.Message.ExecutionId ?? e.ExecutionId;
                if (!startAccepted && await AcceptStartAsync(session, startExecution, e, cancellationToken))
                {
                    startAccepted = true;
                    started = true;
                    terminal = false;
                    continuedAsNew = false;
                    executionId = startExecution;
                    index = new HistoryIndex([]);
                    var accepted = e with { ExecutionId = startExecution };
                    index.Add(accepted);
                    result.Accepted.Add(accepted);
                    result.Consumed.Add(message);
                    continue;
                }
                reason = "duplicate or superseded start";
            }
            else if (message.Message.ExecutionId is { } target && target != executionId)
            {
                reason = $"stale: execution {target} is not the current one";
            }
            else if (!started || continuedAsNew)
            {
                if (await DeferBeforeStartAsync(session, message, continuedAsNew, cancellationToken))
                {
                    result.Deferred.Add(message);
                    continue;
                }
                reason = "the instance has not started";
            }
            else if (terminal)
            {
                reason = "the instance has finished";
            }
            else if (!index.Accepts(e))
            {
                reason = "duplicate";
            }
            if (reason is not null)
            {
                Log.MessageDropped(_logger, message.Message.InstanceId, e.Type.ToString(), reason);
                result.Dropped.Add(message);
                result.Consumed.Add(message);
                continue;
            }
            index.Add(e);
            result.Accepted.Add(e);
            result.Consumed.Add(message);
            terminal |= e.Type == EventType.ExecutionTerminated;
        }
        return result;
    }

    private async Task<bool> AcceptStartAsync(InstanceSession session, string? executionId, HistoryEvent start, CancellationToken cancellationToken)
    {
        var history = session.History;
        if (executionId is null)
        {
            return false;
        }
        if (history.Events.Count == 0)
        {
            if (history.ETag is not null && history.ExecutionId == executionId)
            {
                return true;
            }
            var row = session.TakeOpeningRow() ?? await _rows.ReadAsync(session, cancellationToken);
            return row is null
                ? start.Parent is not null
                : row.GetString("ExecutionId") == executionId && !IsTerminal(InstanceStore.StatusOf(row));
        }
        if (!history.IsTerminal)
        {
            return false;
        }
        if (history.Events[^1] is { Type: EventType.ExecutionCompleted, Status: OrchestrationRuntimeStatus.ContinuedAsNew } last)
        {
            return last.ExecutionId == executionId;
        }
        if (executionId == history.ExecutionId)
        {
            return false;
        }
        // A client restart of a finished instance: the client wrote the new execution id first.
        var current = session.TakeOpeningRow() ?? await _rows.ReadAsync(session, cancellationToken);
        return current is not null && current.GetString("ExecutionId") == executionId
            && InstanceStore.StatusOf(current) == OrchestrationRuntimeStatus.Pending;
    }

    /// <summary>Events raised to a scheduled-but-not-started instance wait for its start; a terminate ends it.</summary>
    private async Task<bool> DeferBeforeStartAsync(InstanceSession session, ReceivedMessage message, bool continuedAsNew, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > hub.Options.StorageProvider.PoisonMessageDequeueCount)
        {
            return false;
        }
        if (continuedAsNew)
        {
            return true;
        }
        var row = await _rows.ReadAsync(session, cancellationToken);
        if (row is null || InstanceStore.StatusOf(row) != OrchestrationRuntimeStatus.Pending)
        {
            return false;
        }
        if (message.Message.Event.Type == EventType.ExecutionTerminated)
        {
            await _rows.MarkTerminatedBeforeStartAsync(session, row, message.Message.Event, cancellationToken);
            return false;
        }
        return message.Message.Event.Type == EventType.EventRaised;
    }

    private static bool IsTerminal(OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;

    /// <summary>What the current execution has scheduled and completed, for duplicate detection.</summary>
    private sealed class HistoryIndex
    {
        private readonly Dictionary<int, EventType> _scheduled = [];
        private readonly HashSet<int> _completed = [];
        private readonly HashSet<string> _eventMessageIds = new(StringComparer.Ordinal);
        private bool _terminated;

        public HistoryIndex(IEnumerable<HistoryEvent> events)
        {
            foreach (var e in events)
            {
                Add(e);
            }
        }

        public bool Accepts(HistoryEvent e) => e.Type switch
        {
            EventType.TaskCompleted or EventType.TaskFailed => Open(e.TaskScheduledId, EventType.TaskScheduled),
            EventType.TimerFired => Open(e.TaskScheduledId, EventType.TimerCreated),
            EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed => Open(e.TaskScheduledId, EventType.SubOrchestrationInstanceCreated),
            EventType.EventRaised => e.EventMessageId is null || !_eventMessageIds.Contains(e.EventMessageId),
            EventType.ExecutionTerminated => !_terminated,
            _ => false,
        };

        public void Add(HistoryEvent e)
        {
            switch (e.Type)
            {
                case EventType.TaskScheduled or EventType.TimerCreated or EventType.SubOrchestrationInstanceCreated:
                    _scheduled[e.EventId] = e.Type;
                    break;
                case EventType.TaskCompleted or EventType.TaskFailed or EventType.TimerFired
                    or EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed:
                    _completed.Add(e.TaskScheduledId);
                    break;
                case EventType.EventRaised when e.EventMessageId is not null:
                    _eventMessageIds.Add(e.EventMessageId);
                    break;
                case EventType.ExecutionStarted:
                    foreach (var carried in e.CarriedEvents ?? [])
                    {
                        Add(carried);
                    }
                    break;
                case EventType.ExecutionTerminated:
                    _terminated = true;
                    break;
                default:
                    break;
            }
        }

        private bool Open(int id, EventType scheduledAs) =>
            _scheduled.TryGetValue(id, out var type) && type == scheduledAs && !_completed.Contains(id);
    }
}
