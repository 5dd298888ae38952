using Microsoft.Extensions.Logging;

namespace Courier.Durable;

/// <summary>
/// The orchestrator's only window on the world. Every member is replay-safe: time and GUIDs come
/// from history, and every wait is recorded so a replay takes the same path.
/// </summary>
public abstract class TaskOrchestrationContext
{
    public abstract string Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>The time the current episode started, taken from history (identical on replay).</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the orchestrator re-executes events it has already seen.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>A deterministic GUID: the same sequence on every replay of this instance.</summary>
    public abstract Guid NewGuid();

    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    public Task CallSubOrchestratorAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(name, input, options);

    /// <summary>A durable timer; cancelling the token abandons it (the task then ends cancelled).</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime + delay, cancellationToken);

    /// <summary>Waits for an event raised to this instance; names are case-insensitive and early events are buffered.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="WaitForExternalEvent{T}(string, CancellationToken)"/>, ending in a <see cref="TaskCanceledException"/> after <paramref name="timeout"/>.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var eventTask = WaitForExternalEvent<T>(eventName, linked.Token);
        var timerTask = CreateTimer(CurrentUtcDateTime + timeout, linked.Token);
        var winner = await Task.WhenAny(eventTask, timerTask);
        // Cancelling the loser keeps the timer from waking a later step and frees the event waiter.
        // Synchronous on purpose: CancelAsync would run the callbacks on the thread pool, outside the replay.
#pragma warning disable CA1849
        linked.Cancel();
#pragma warning restore CA1849
        if (winner == eventTask)
        {
            return await eventTask;
        }
        cancellationToken.ThrowIfCancellationRequested();
        throw new TaskCanceledException($"No '{eventName}' event arrived within {timeout}.");
    }

    /// <summary>A small serializable status (at most 16 KB of JSON) visible to clients while the instance runs.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts the instance with a new input and an empty history once the orchestrator returns.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A logger that stays silent while the orchestrator replays, so each line is written once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
