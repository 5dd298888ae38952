using System.Text.Json;
using Azure;
using Azure.Storage.Queues.Models;
using Courier.Durable.Execution;
using Courier.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Runs activities from the work-item queue, at least once: the message stays invisible while the
/// activity runs (renewed), the result goes to the instance's control queue first and the work item
/// is deleted second (or, when this process owns the instance's partition, the result goes to its
/// episode in memory and the episode deletes the work item after committing the result). A work item dequeued too often is poison: the orchestrator gets a
/// non-retriable failure and the message is copied to the poison queue.
/// The activities an orchestration episode of this process schedules run here too (<see cref="RunLocally"/>),
/// as the same concurrency slots free up, behind one invisible chunk work item per group of them; a
/// chunk that comes back after a crash is split into single work items.
/// </summary>
internal sealed class ActivityDispatcher(HubContext hub) : IDisposable
{
    private readonly ILogger _logger = hub.LoggerFactory.CreateLogger("Courier.Durable.Activity");
    private readonly SemaphoreSlim _slots = new(hub.Options.MaxConcurrentActivityFunctions);
    private CancellationToken _stopping = new(canceled: true);

    /// <summary>Hands a local activity's completion to the control-queue dispatcher of its instance; false when it cannot take it.</summary>
    public Func<ReceivedMessage, bool> DeliverCompletion { get; set; } = _ => false;

    public void Dispose() => _slots.Dispose();

    public async Task RunAsync(CancellationToken stopping)
    {
        _stopping = stopping;
        var options = hub.Options.StorageProvider;
        var max = hub.Options.MaxConcurrentActivityFunctions;
        var slots = _slots;
        var backoff = new PollingBackoff(options.MinQueuePollingInterval, options.MaxQueuePollingInterval);
        var signal = hub.Signals.For(hub.Storage.WorkItems.Name);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stopping);
                var free = slots.CurrentCount + 1;
                slots.Release();
                var wanted = Math.Min(32, free);
                QueueMessage[] received = (await hub.Storage.WorkItems.ReceiveMessagesAsync(wanted, options.WorkItemQueueVisibilityTimeout, stopping)).Value;
                if (received.Length == 0)
                {
                    await signal.WaitAsync(backoff.Next(), stopping);
                    continue;
                }
                backoff.Reset();
                foreach (var message in received)
                {
                    await slots.WaitAsync(stopping);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await ExecuteAsync(message, stopping);
                        }
                        catch (Exception e) when (e is not OutOfMemoryException)
                        {
                            Log.WorkItemError(_logger, message.MessageId, e);
                        }
                        finally
                        {
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }
                if (received.Length < wanted)
                {
                    // The queue is drained: an immediate re-poll would find it empty.
                    await signal.WaitAsync(backoff.Next(), stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is RequestFailedException or IOException or HttpRequestException or TimeoutException)
            {
                Log.DispatcherError(_logger, hub.Storage.WorkItems.Name, e);
                await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            }
        }
        // Let running activities finish their hand-off before the host stops.
        for (var i = 0; i < max; i++)
        {
            await slots.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        }
    }

    /// <summary>True while activities scheduled by this process's episodes may run here (not stopping).</summary>
    public bool CanRunLocally => !_stopping.IsCancellationRequested;

    /// <summary>
    /// Runs an activity of a chunk that this process's episode just scheduled, as soon as a slot is free.
    /// The chunk's work item waits invisible meanwhile (the crash safety net: it reappears for any
    /// worker if this process dies). The completion goes to the instance's episode in memory, which
    /// settles the activity in the chunk once the result is committed; the last one deletes the chunk.
    /// </summary>
    public void RunLocally(TaskMessage message, ChunkLease chunk)
    {
        var stopping = _stopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await _slots.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                await HandBackAsync(message, chunk);
                return;
            }
            try
            {
                await ExecuteLocallyAsync(message, chunk, stopping);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The chunk comes back for another worker, which reruns what it holds.
                Log.WorkItemError(_logger, chunk.MessageId, e);
                await chunk.ReleaseAsync(TimeSpan.Zero);
            }
            finally
            {
                _slots.Release();
            }
        }, CancellationToken.None);
    }

    /// <summary>An activity that never started here (the worker is stopping) goes out as a work item of its own.</summary>
    private async Task HandBackAsync(TaskMessage message, ChunkLease chunk)
    {
        try
        {
            await hub.Queues.SendAsync(hub.Storage.WorkItems, message, null, CancellationToken.None);
            await chunk.SettleAsync(ChunkLease.KeyOf(message));
        }
        catch (Exception e) when (e is RequestFailedException or IOException or HttpRequestException or TimeoutException)
        {
            Log.WorkItemError(_logger, chunk.MessageId, e);
            await chunk.ReleaseAsync(TimeSpan.Zero);
        }
    }

    private async Task ExecuteLocallyAsync(TaskMessage message, ChunkLease chunk, CancellationToken stopping)
    {
        var outcome = await RunActivityAsync(message, stopping);
        if (outcome is null)
        {
            await HandBackAsync(message, chunk);
            return;
        }
        var completion = new ReceivedMessage
        {
            Queue = chunk.Queue,
            MessageId = $"{chunk.MessageId}/{ChunkLease.KeyOf(message)}",
            PopReceipt = "",
            DequeueCount = 0,
            Body = "",
            Message = message with { Event = outcome },
            Chunk = chunk,
        };
        if (!DeliverCompletion(completion))
        {
            // No episode can take it here (stopping, or the partition moved): report it the ordinary way.
            await hub.Queues.SendAsync(hub.Storage.ControlQueueFor(message.InstanceId), completion.Message, null, CancellationToken.None);
            await chunk.SettleAsync(ChunkLease.KeyOf(message));
        }
    }

    private async Task ExecuteAsync(QueueMessage raw, CancellationToken stopping)
    {
        var queue = hub.Storage.WorkItems;
        var body = raw.Body.ToString();
        var poisonAfter = hub.Options.StorageProvider.PoisonMessageDequeueCount;
        TaskMessage message;
        List<TaskMessage>? split = null;
        try
        {
            if (WorkItemChunk.TryDecode(body) is { } chunk)
            {
                // A chunk back after a crash: one activity runs here as a work item; several go out as one each.
                var items = new List<TaskMessage>();
                foreach (var item in chunk.Items)
                {
                    items.Add(await hub.Codec.DecodeAsync(item, stopping) with { LocalAttempts = chunk.LocalAttempts });
                }
                message = items[0];
                split = items.Count > 1 ? items : null;
            }
            else
            {
                message = await hub.Codec.DecodeAsync(body, stopping);
            }
        }
        catch (Exception e) when (e is JsonException or RequestFailedException or InvalidDataException)
        {
            if (raw.DequeueCount >= poisonAfter)
            {
                await hub.Queues.PoisonAsync(queue, raw.MessageId, raw.PopReceipt, body, raw.DequeueCount, $"unreadable: {e.Message}", stopping);
            }
            return;
        }
        if (split is not null)
        {
            await SplitAsync(raw, split, stopping);
            return;
        }
        var scheduled = message.Event;
        var controlQueue = hub.Storage.ControlQueueFor(message.InstanceId);
        var attempts = raw.DequeueCount + message.LocalAttempts;
        if (attempts > poisonAfter)
        {
            var poison = Failed(scheduled, new TaskFailureDetails
            {
                ErrorType = "PoisonMessage",
                ErrorMessage = $"Activity '{scheduled.Name}' was started {attempts - 1} times without completing; it will not run again.",
                IsNonRetriable = true,
            });
            await hub.Queues.SendAsync(controlQueue, message with { Event = poison }, null, stopping);
            await hub.Queues.PoisonAsync(queue, raw.MessageId, raw.PopReceipt, body, attempts, $"activity {scheduled.Name} never completed", stopping);
            return;
        }

        var lease = new WorkItemLease(queue, raw.MessageId, raw.PopReceipt, hub.Options.StorageProvider.WorkItemQueueVisibilityTimeout);
        HistoryEvent outcome;
        await using (lease.Start())
        {
            var completed = await RunActivityAsync(message, stopping);
            if (completed is null)
            {
                await lease.StopAsync();
                await QueueOperations.AbandonAsync(new ReceivedMessage { Queue = queue, MessageId = raw.MessageId, PopReceipt = lease.PopReceipt, DequeueCount = raw.DequeueCount, Body = body, Message = message }, TimeSpan.Zero, CancellationToken.None);
                return;
            }
            outcome = completed;
            await lease.StopAsync();
        }
        // When this process runs the instance's episodes, the result goes to them in memory and the
        // work item (still invisible) is deleted once the result is committed, as for local activities.
        var completion = new ReceivedMessage { Queue = queue, MessageId = raw.MessageId, PopReceipt = lease.PopReceipt, DequeueCount = raw.DequeueCount, Body = body, Message = message with { Event = outcome } };
        if (DeliverCompletion(completion))
        {
            return;
        }
        await hub.Queues.SendAsync(controlQueue, completion.Message, null, CancellationToken.None);
        await QueueOperations.DeleteAsync(queue, raw.MessageId, lease.PopReceipt, CancellationToken.None);
    }

    /// <summary>
    /// Turns a chunk back into single work items, so each activity is counted towards poison on its own.
    /// They carry the chunk's attempts so far (this dequeue ran nothing yet).
    /// </summary>
    private async Task SplitAsync(QueueMessage raw, List<TaskMessage> items, CancellationToken stopping)
    {
        var before = (int)raw.DequeueCount - 1;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stopping },
            async (item, ct) => await hub.Queues.SendAsync(hub.Storage.WorkItems, item with { LocalAttempts = item.LocalAttempts + before }, null, ct));
        await QueueOperations.DeleteAsync(hub.Storage.WorkItems, raw.MessageId, raw.PopReceipt, CancellationToken.None);
        Log.WorkItemChunkSplit(_logger, raw.MessageId, items.Count, items[0].InstanceId);
    }

    /// <summary>Runs the activity; null when the worker is stopping and the work item should go back.</summary>
    private async Task<HistoryEvent?> RunActivityAsync(TaskMessage message, CancellationToken stopping)
    {
        var scheduled = message.Event;
        var activity = hub.Registry.CreateActivity(hub.Services, scheduled.Name ?? "");
        if (activity is null)
        {
            return Failed(scheduled, new TaskFailureDetails
            {
                ErrorType = "ActivityNotFound",
                ErrorMessage = $"No activity named '{scheduled.Name}' is registered in this worker.",
                IsNonRetriable = true,
            });
        }
        var key = $"{message.InstanceId}:{message.ExecutionId}:{scheduled.EventId}";
        var context = new TaskActivityContext(scheduled.Name!, message.InstanceId, key, stopping);
        try
        {
            var input = DurableJson.Deserialize(scheduled.Data, activity.InputType);
            var output = await activity.RunAsync(context, input);
            return new HistoryEvent
            {
                Type = EventType.TaskCompleted,
                TaskScheduledId = scheduled.EventId,
                Data = DurableJson.Serialize(output),
                Timestamp = hub.Time.GetUtcNow(),
            };
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            Log.ActivityFailed(_logger, scheduled.Name!, message.InstanceId, e.GetType().Name);
            return Failed(scheduled, TaskFailureDetails.FromException(e));
        }
    }

    private HistoryEvent Failed(HistoryEvent scheduled, TaskFailureDetails failure) => new()
    {
        Type = EventType.TaskFailed,
        TaskScheduledId = scheduled.EventId,
        Failure = failure,
        Timestamp = hub.Time.GetUtcNow(),
    };
}
