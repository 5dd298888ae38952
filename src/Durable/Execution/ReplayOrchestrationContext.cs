using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Execution;

/// <summary>
/// The executor's implementation of the orchestration context: every call becomes a numbered action
/// that replay checks against history, and every wait is a completion source the executor resolves
/// when the matching history event is applied.
/// </summary>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private const int MaxCustomStatusLength = 16 * 1024;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SortedDictionary<int, HistoryEvent> _unconfirmedActions = [];
    private readonly Dictionary<int, Action<HistoryEvent>> _openTasks = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _bufferedEvents = [];
    private int _nextEventId;
    private int _guidCounter;

    public ReplayOrchestrationContext(string name, string instanceId, ILoggerFactory loggerFactory)
    {
        Name = name;
        InstanceId = instanceId;
        _loggerFactory = loggerFactory;
    }

    public override string Name { get; }

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => CurrentTime.UtcDateTime;

    public DateTimeOffset CurrentTime { get; set; }

    public override bool IsReplaying => Replaying;

    public bool Replaying { get; set; }

    public string? CustomStatus { get; private set; }

    public bool ContinueAsNewRequested { get; private set; }

    public string? ContinueAsNewInput { get; private set; }

    public bool PreserveUnprocessedEvents { get; private set; }

    public IReadOnlyList<HistoryEvent> BufferedEvents => _bufferedEvents;

    public override Guid NewGuid() =>
        DeterministicGuid.Create(string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{CurrentTime:o}_{_guidCounter++}"));

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var serialized = DurableJson.Serialize(input);
        return options?.Retry is { } retry
            ? RetryAsync(retry, () => ScheduleActivity<TResult>(name, serialized))
            : ScheduleActivity<TResult>(name, serialized);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var serialized = DurableJson.Serialize(input);
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId;
        return options?.Retry is { } retry
            ? RetryAsync(retry, () => ScheduleSubOrchestration<TResult>(name, instanceId, serialized))
            : ScheduleSubOrchestration<TResult>(name, instanceId, serialized);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var fireAtUtc = fireAt.Kind switch
        {
            DateTimeKind.Local => new DateTimeOffset(fireAt.ToUniversalTime()),
            _ => new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc)),
        };
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        var id = _nextEventId++;
        var completion = new TaskCompletionSource();
        AddAction(new HistoryEvent { Type = EventType.TimerCreated, EventId = id, FireAt = fireAtUtc, Timestamp = CurrentTime });
        _openTasks[id] = _ => completion.TrySetResult();
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (_openTasks.Remove(id))
                {
                    completion.TrySetCanceled(cancellationToken);
                }
            });
        }
        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var buffered = _bufferedEvents.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (buffered >= 0)
        {
            var data = _bufferedEvents[buffered].Data;
            _bufferedEvents.RemoveAt(buffered);
            return Task.FromResult(DurableJson.Deserialize<T>(data)!);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        var waiter = new TaskCompletionSource<string?>();
        if (!_waiters.TryGetValue(eventName, out var list))
        {
            _waiters[eventName] = list = new LinkedList<TaskCompletionSource<string?>>();
        }
        var node = list.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                    waiter.TrySetCanceled(cancellationToken);
                }
            });
        }
        return Convert<T>(waiter.Task);
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var serialized = DurableJson.Serialize(customStatus);
        if (serialized is { Length: > MaxCustomStatusLength })
        {
            throw new ArgumentException($"The custom status is {serialized.Length} characters; the limit is {MaxCustomStatusLength}.", nameof(customStatus));
        }
        CustomStatus = serialized;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinueAsNewRequested = true;
        ContinueAsNewInput = DurableJson.Serialize(newInput);
        PreserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_loggerFactory.CreateLogger(categoryName), () => Replaying);

    /// <summary>Replay found a scheduling event: it must be the action the orchestrator just took.</summary>
    public void ConfirmAction(HistoryEvent recorded)
    {
        if (!_unconfirmedActions.Remove(recorded.EventId, out var taken))
        {
            throw new NonDeterministicOrchestrationException(
                $"History has {recorded.Type} #{recorded.EventId} '{recorded.Name}', but on replay the orchestrator did not schedule it. " +
                "The orchestrator code changed or is not deterministic.");
        }
        if (taken.Type != recorded.Type || !string.Equals(taken.Name, recorded.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"History has {recorded.Type} #{recorded.EventId} '{recorded.Name}', but on replay the orchestrator scheduled " +
                $"{taken.Type} '{taken.Name}' in its place. The orchestrator code changed or is not deterministic.");
        }
    }

    /// <summary>Actions taken that history does not record yet: the episode's new work.</summary>
    public IEnumerable<HistoryEvent> NewActions => _unconfirmedActions.Values;

    /// <summary>The new actions were committed to history: what replaying their scheduling events would confirm.</summary>
    public void ConfirmNewActions() => _unconfirmedActions.Clear();

    /// <summary>Completes the open task with this id; false when nothing waits for it.</summary>
    public bool Complete(int taskScheduledId, HistoryEvent completion)
    {
        if (!_openTasks.Remove(taskScheduledId, out var complete))
        {
            return false;
        }
        complete(completion);
        return true;
    }

    public void RaiseEvent(HistoryEvent raised)
    {
        if (raised.Name is not null && _waiters.TryGetValue(raised.Name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value.TrySetResult(raised.Data);
            return;
        }
        _bufferedEvents.Add(raised);
    }

    private Task<TResult> ScheduleActivity<TResult>(string name, string? input)
    {
        var id = _nextEventId++;
        var completion = new TaskCompletionSource<string?>();
        AddAction(new HistoryEvent { Type = EventType.TaskScheduled, EventId = id, Name = name, Data = input, Timestamp = CurrentTime });
        _openTasks[id] = e => Resolve(completion, e, name, id);
        return Convert<TResult>(completion.Task);
    }

    private Task<TResult> ScheduleSubOrchestration<TResult>(string name, string? instanceId, string? input)
    {
        var id = _nextEventId++;
        var childInstanceId = instanceId ?? NewGuid().ToString("N");
        var childExecutionId = NewGuid().ToString("N");
        var completion = new TaskCompletionSource<string?>();
        AddAction(new HistoryEvent
        {
            Type = EventType.SubOrchestrationInstanceCreated,
            EventId = id,
            Name = name,
            InstanceId = childInstanceId,
            ExecutionId = childExecutionId,
            Data = input,
            Timestamp = CurrentTime,
        });
        _openTasks[id] = e => Resolve(completion, e, name, id);
        return Convert<TResult>(completion.Task);
    }

    private static void Resolve(TaskCompletionSource<string?> completion, HistoryEvent outcome, string name, int id)
    {
        if (outcome.Type is EventType.TaskFailed or EventType.SubOrchestrationInstanceFailed)
        {
            var failure = outcome.Failure ?? new TaskFailureDetails { ErrorType = "Unknown", ErrorMessage = "The task failed without details." };
            completion.TrySetException(new TaskFailedException(name, id, failure));
        }
        else
        {
            completion.TrySetResult(outcome.Data);
        }
    }

    private void AddAction(HistoryEvent action) => _unconfirmedActions[action.EventId] = action;

    private static async Task<T> Convert<T>(Task<string?> raw) => DurableJson.Deserialize<T>(await raw)!;

    private async Task<T> RetryAsync<T>(RetryPolicy policy, Func<Task<T>> attempt)
    {
        var firstAttemptAt = CurrentTime;
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failed) when (ShouldRetry(policy, failed.FailureDetails, attemptNumber, firstAttemptAt))
            {
                await CreateTimer(CurrentUtcDateTime + policy.GetDelay(attemptNumber - 1), CancellationToken.None);
            }
        }
    }

    private bool ShouldRetry(RetryPolicy policy, TaskFailureDetails failure, int attemptNumber, DateTimeOffset firstAttemptAt) =>
        attemptNumber < policy.MaxNumberOfAttempts
        && !failure.IsNonRetriable
        && (policy.RetryTimeout == Timeout.InfiniteTimeSpan || CurrentTime < firstAttemptAt + policy.RetryTimeout)
        && (policy.HandleFailure?.Invoke(failure) ?? true);
}
