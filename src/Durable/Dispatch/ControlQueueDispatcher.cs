using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Courier.Durable.Execution;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Polls one control queue and runs episodes: messages are grouped per instance into sessions, one
/// episode per instance at a time in this process, different instances in parallel.
/// </summary>
internal sealed class ControlQueueDispatcher(HubContext hub, EpisodeRunner runner, int partition, Func<int, bool> isOwned, SemaphoreSlim concurrency)
{
    private const int BatchSize = 32;
    private readonly QueueClient _queue = hub.Storage.ControlQueues[partition];
    private readonly ILogger _logger = hub.LoggerFactory.CreateLogger("Courier.Durable.ControlQueue");
    private readonly Dictionary<string, List<ReceivedMessage>> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _active = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReceivedMessage> _held = new(StringComparer.Ordinal);
    private readonly UnreadableMessages _unreadable = new(hub);
    private int _buffered;
    private bool _closed;

    private int BufferLimit => Math.Max(64, hub.Options.MaxConcurrentOrchestratorFunctions * BatchSize);

    public async Task RunAsync(CancellationToken stopping)
    {
        var options = hub.Options.StorageProvider;
        var backoff = new PollingBackoff(options.MinQueuePollingInterval, options.MaxQueuePollingInterval);
        var signal = hub.Signals.For(_queue.Name);
        using var renewalsStop = new CancellationTokenSource();
        var renewals = RenewHeldMessagesAsync(renewalsStop.Token);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!isOwned(partition) || Volatile.Read(ref _buffered) >= BufferLimit)
                {
                    await signal.WaitAsync(options.MinQueuePollingInterval * 5, stopping);
                    continue;
                }
                QueueMessage[] received = (await _queue.ReceiveMessagesAsync(BatchSize, options.ControlQueueVisibilityTimeout, stopping)).Value;
                if (received.Length == 0)
                {
                    await signal.WaitAsync(backoff.Next(), stopping);
                    continue;
                }
                backoff.Reset();
                await Task.WhenAll(received.Select(m => AcceptAsync(m, stopping)));
                if (received.Length < BatchSize)
                {
                    // A partial batch means the queue is drained: an immediate re-poll would find it empty.
                    await signal.WaitAsync(backoff.Next(), stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is RequestFailedException or IOException or HttpRequestException or TimeoutException)
            {
                Log.DispatcherError(_logger, _queue.Name, e);
                await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            }
        }
        lock (_pending)
        {
            _closed = true;
        }
        await WhenIdleAsync();
        await renewalsStop.CancelAsync();
        await renewals;
    }

    /// <summary>
    /// Keeps messages invisible while they wait for or run in an episode, so a long episode (a large
    /// fan-out) does not let them reappear and be counted towards poison.
    /// </summary>
    private async Task RenewHeldMessagesAsync(CancellationToken stop)
    {
        var visibility = hub.Options.StorageProvider.ControlQueueVisibilityTimeout;
        var period = visibility / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var now = Environment.TickCount64;
            // In parallel: one by one, a pass over a large fan-in's results can outlast their visibility.
            await Parallel.ForEachAsync(_held.Values.Where(m => m.RenewAfterTicks <= now).ToList(), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (message, token) =>
            {
                if (await QueueOperations.RenewAsync(message, visibility))
                {
                    message.RenewAfterTicks = Environment.TickCount64 + (long)period.TotalMilliseconds;
                }
                else
                {
                    _held.TryRemove(message.MessageId, out _);
                }
            });
        }
    }

    /// <summary>Completes when no episode of this partition is running or waiting (used to drain before a lease hand-off).</summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            lock (_pending)
            {
                if (_active.Count == 0)
                {
                    return;
                }
            }
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Gives back the messages of this queue that wait for an episode (not those in one) once the
    /// partition has moved: the new owner runs them against the committed history. Results of
    /// activities run here stay, as they are not this queue's messages to give back.
    /// </summary>
    public async Task AbandonWaitingAsync()
    {
        List<ReceivedMessage> waiting = [];
        lock (_pending)
        {
            foreach (var (instanceId, list) in _pending.ToList())
            {
                var ours = list.Where(m => m.Chunk is null && m.Queue == _queue).ToList();
                if (ours.Count == list.Count)
                {
                    _pending.Remove(instanceId);
                }
                else
                {
                    list.RemoveAll(ours.Contains);
                }
                waiting.AddRange(ours);
            }
        }
        Interlocked.Add(ref _buffered, -waiting.Count);
        foreach (var message in waiting)
        {
            _held.TryRemove(new KeyValuePair<string, ReceivedMessage>(message.MessageId, message));
        }
        await Task.WhenAll(waiting.Select(m => QueueOperations.AbandonAsync(m, TimeSpan.Zero, CancellationToken.None)));
    }

    private async Task AcceptAsync(QueueMessage raw, CancellationToken stopping)
    {
        var body = raw.Body.ToString();
        var poisonAfter = hub.Options.StorageProvider.PoisonMessageDequeueCount;
        Storage.TaskMessage message;
        List<(string Body, Storage.TaskMessage Message)>? bundle = null;
        try
        {
            if (Storage.StartBundle.TryDecode(body) is { } starts)
            {
                bundle = [];
                foreach (var start in starts.Starts)
                {
                    bundle.Add((start, await hub.Codec.DecodeAsync(start, stopping)));
                }
            }
            message = bundle?[0].Message ?? await hub.Codec.DecodeAsync(body, stopping);
        }
        catch (Exception e) when (e is JsonException or RequestFailedException or InvalidDataException or NotSupportedException)
        {
            if (raw.DequeueCount >= poisonAfter)
            {
                // The failure first: should this process die in between, the message comes back and fails it again (a duplicate, dropped).
                await _unreadable.FailNamedInstanceAsync(body, e, raw.DequeueCount, stopping);
                await hub.Queues.PoisonAsync(_queue, raw.MessageId, raw.PopReceipt, body, raw.DequeueCount, $"unreadable: {e.Message}", stopping);
            }
            else
            {
                await QueueOperations.AbandonAsync(Received(raw, body, null!), RetryDelay(raw.DequeueCount), stopping);
            }
            return;
        }
        if (bundle is not null)
        {
            await AcceptBundleAsync(raw, bundle, stopping);
            return;
        }
        if (raw.DequeueCount > poisonAfter)
        {
            await hub.Queues.PoisonAsync(_queue, raw.MessageId, raw.PopReceipt, body, raw.DequeueCount, $"{message.Event.Type} for {message.InstanceId} failed {raw.DequeueCount - 1} times", stopping);
            return;
        }
        if (message.Event is { Type: EventType.TimerFired, FireAt: { } fireAt } && fireAt > hub.Time.GetUtcNow())
        {
            // Early: a hop of a long timer, or a clock that disagrees. Re-delay; never fire before FireAt.
            await hub.Queues.SendAsync(new Storage.OutboxMessage(_queue.Name, body, fireAt), stopping);
            await QueueOperations.DeleteAsync(_queue, raw.MessageId, raw.PopReceipt, stopping);
            return;
        }
        Enqueue(Received(raw, body, message));
    }

    /// <summary>
    /// A bundle of starts (from a batched start) becomes one message per instance, all sharing one
    /// lease on the bundle: it stays invisible while any of them is pending and is deleted once every
    /// instance has committed its start or dropped it as a duplicate. One that fails gives the whole
    /// bundle back. A bundle that comes back (a crash, or a failed start) is split into single start
    /// messages, so each counts towards poison on its own; the instances it already started drop theirs.
    /// </summary>
    private async Task AcceptBundleAsync(QueueMessage raw, List<(string Body, Storage.TaskMessage Message)> bundle, CancellationToken stopping)
    {
        if (raw.DequeueCount > 1)
        {
            await Parallel.ForEachAsync(bundle, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stopping },
                async (start, ct) => await hub.Queues.SendAsync(new Storage.OutboxMessage(_queue.Name, start.Body, null), ct));
            await QueueOperations.DeleteAsync(_queue, raw.MessageId, raw.PopReceipt, CancellationToken.None);
            Log.StartBundleSplit(_logger, raw.MessageId, bundle.Count, bundle[0].Message.InstanceId);
            return;
        }
        var keys = bundle.Select(s => KeyOf(s.Message)).ToList();
        var lease = new ChunkLease(_queue, raw.MessageId, raw.PopReceipt, keys, hub.Options.StorageProvider.ControlQueueVisibilityTimeout).Start();
        for (var i = 0; i < bundle.Count; i++)
        {
            Enqueue(new ReceivedMessage
            {
                Queue = _queue,
                MessageId = $"{raw.MessageId}/{keys[i]}",
                PopReceipt = "",
                DequeueCount = raw.DequeueCount,
                Body = bundle[i].Body,
                Message = bundle[i].Message,
                Chunk = lease,
            });
        }
    }

    /// <summary>The key a consumed message settles in its lease (see <see cref="QueueOperations.DeleteAsync(ReceivedMessage, CancellationToken)"/>).</summary>
    private static string KeyOf(Storage.TaskMessage message) => ChunkLease.KeyOf(message.InstanceId, message.ExecutionId, message.Event.TaskScheduledId);

    /// <summary>
    /// Takes a message that did not come from this queue (an activity completed in this process) into
    /// the instance's next episode; false when this dispatcher has stopped or lost its partition.
    /// </summary>
    public bool TryDeliver(ReceivedMessage message)
    {
        lock (_pending)
        {
            if (_closed || !isOwned(partition))
            {
                return false;
            }
        }
        Enqueue(message);
        return true;
    }

    private ReceivedMessage Received(QueueMessage raw, string body, Storage.TaskMessage message) => new()
    {
        Queue = _queue,
        MessageId = raw.MessageId,
        PopReceipt = raw.PopReceipt,
        DequeueCount = raw.DequeueCount,
        Body = body,
        Message = message,
    };

    private void Enqueue(ReceivedMessage message)
    {
        var instanceId = message.Message.InstanceId;
        message.RenewAfterTicks = Environment.TickCount64 + (long)(hub.Options.StorageProvider.ControlQueueVisibilityTimeout / 3).TotalMilliseconds;
        _held[message.MessageId] = message;
        bool start;
        lock (_pending)
        {
            if (!_pending.TryGetValue(instanceId, out var list))
            {
                _pending[instanceId] = list = [];
            }
            var same = list.FindIndex(m => m.MessageId == message.MessageId);
            if (same >= 0)
            {
                list[same] = message;
            }
            else
            {
                list.Add(message);
                Interlocked.Increment(ref _buffered);
            }
            start = _active.Add(instanceId);
        }
        if (start)
        {
            _ = Task.Run(() => SessionLoopAsync(instanceId));
        }
    }

    private async Task SessionLoopAsync(string instanceId)
    {
        while (true)
        {
            List<ReceivedMessage>? batch;
            lock (_pending)
            {
                if (!_pending.Remove(instanceId, out batch))
                {
                    _active.Remove(instanceId);
                    return;
                }
            }
            await concurrency.WaitAsync();
            try
            {
                await runner.RunAsync(instanceId, batch, CancellationToken.None);
            }
            catch (Exception e)
            {
                Log.EpisodeFailed(_logger, instanceId, e);
                await Task.WhenAll(batch.Select(m => QueueOperations.AbandonAsync(m, RetryDelay(m.DequeueCount), CancellationToken.None)));
            }
            finally
            {
                concurrency.Release();
                Interlocked.Add(ref _buffered, -batch.Count);
                foreach (var message in batch)
                {
                    _held.TryRemove(new KeyValuePair<string, ReceivedMessage>(message.MessageId, message));
                }
            }
        }
    }

    private static TimeSpan RetryDelay(long dequeueCount) => TimeSpan.FromSeconds(Math.Min(30, Math.Max(1, dequeueCount)));
}
