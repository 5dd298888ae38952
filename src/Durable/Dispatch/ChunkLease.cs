using Azure;
using Azure.Storage.Queues;
using Courier.Durable.Storage;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Keeps a work-item chunk invisible (renewed at half the visibility timeout) until every activity in
/// it has its result committed or handed on, then deletes it: one delete for the whole chunk. When this
/// process cannot finish the job it releases the chunk instead, which makes it visible again; another
/// worker then splits it back into single work items, and results already committed are dropped there
/// as duplicates. A bundle of starts on a control queue (<see cref="StartBundle"/>) is held the same way,
/// one key per instance.
/// </summary>
#pragma warning disable CA1001 // The gate never allocates a wait handle (WaitAsync and Release only): nothing to dispose.
internal sealed class ChunkLease(QueueClient queue, string messageId, string popReceipt, IEnumerable<string> activityKeys, TimeSpan visibility)
{
    private readonly HashSet<string> _open = new(activityKeys, StringComparer.Ordinal);

    /// <summary>Serialises renewals with the final delete or release (all need the current pop receipt).</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _popReceipt = popReceipt;
    private Task _renewals = Task.CompletedTask;
    private bool _finished;

    public QueueClient Queue => queue;

    public string MessageId => messageId;

    /// <summary>True once the chunk is deleted or released: this process no longer holds it.</summary>
    public bool IsFinished => Volatile.Read(ref _finished);

    public ChunkLease Start()
    {
        _renewals = RenewAsync();
        return this;
    }

    /// <summary>An activity's key in its chunk (a chunk can hold activities of several instances): its idempotency key.</summary>
    public static string KeyOf(string instanceId, string? executionId, int taskScheduledId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{instanceId}:{executionId}:{taskScheduledId}");

    /// <summary>The key of a scheduled activity's work item.</summary>
    public static string KeyOf(TaskMessage scheduled) => KeyOf(scheduled.InstanceId, scheduled.ExecutionId, scheduled.Event.EventId);

    /// <summary>The activity's result is safe (committed, or sent to its control queue); the last one deletes the chunk.</summary>
    public async Task SettleAsync(string activityKey)
    {
        bool last;
        lock (_open)
        {
            last = _open.Remove(activityKey) && _open.Count == 0;
        }
        if (last)
        {
            await FinishAsync(release: null);
        }
    }

    /// <summary>Gives the chunk up: visible again after <paramref name="delay"/>, for any worker to split and rerun.</summary>
    public Task ReleaseAsync(TimeSpan delay) => FinishAsync(delay);

    private async Task FinishAsync(TimeSpan? release)
    {
        await _gate.WaitAsync();
        try
        {
            if (_finished)
            {
                return;
            }
            Volatile.Write(ref _finished, true);
            _stop.SetResult();
        }
        finally
        {
            _gate.Release();
        }
        await _renewals;
        try
        {
            if (release is { } delay)
            {
                await queue.UpdateMessageAsync(messageId, _popReceipt, visibilityTimeout: delay);
            }
            else
            {
                await queue.DeleteMessageAsync(messageId, _popReceipt);
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Gone, or received by someone else after a lapse (new pop receipt): no longer ours.
        }
    }

    private async Task RenewAsync()
    {
        using var delays = new CancellationTokenSource();
        try
        {
            while (true)
            {
                var wait = Task.Delay(visibility / 2, delays.Token);
                if (await Task.WhenAny(wait, _stop.Task) != wait)
                {
                    return;
                }
                await _gate.WaitAsync(CancellationToken.None);
                try
                {
                    if (_finished)
                    {
                        return;
                    }
                    var receipt = await queue.UpdateMessageAsync(messageId, _popReceipt, visibilityTimeout: visibility, cancellationToken: CancellationToken.None);
                    _popReceipt = receipt.Value.PopReceipt;
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (RequestFailedException)
        {
            // No longer ours (it lapsed and another worker took it); results still go out as they come.
        }
        finally
        {
            // Ends the pending delay's timer now rather than when it would have fired.
            await delays.CancelAsync();
        }
    }
}
#pragma warning restore CA1001
