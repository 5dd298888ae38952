namespace Courier.Durable.Execution;

/// <summary>
/// Runs orchestrator continuations on the executor's own thread, one at a time, in the order they
/// were posted, so a replay interleaves exactly as the original run did.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _pending = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_pending)
        {
            _pending.Enqueue((d, state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs posted continuations until none are left.</summary>
    public void Drain()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) next;
            lock (_pending)
            {
                if (!_pending.TryDequeue(out next))
                {
                    return;
                }
            }
            next.Callback(next.State);
        }
    }
}
