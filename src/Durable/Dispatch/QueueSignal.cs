namespace Courier.Durable.Dispatch;

/// <summary>
/// Wakes an idle poller early when this process itself just put a message on its queue, so
/// in-process hand-offs do not wait for the polling back-off. Other processes still rely on polling.
/// </summary>
internal sealed class QueueSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Waits for <paramref name="delay"/> or until <see cref="Set"/> is called, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var signalled = Volatile.Read(ref _next).Task;
        try
        {
            await signalled.WaitAsync(delay, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The normal end of an idle wait.
        }
    }
}
