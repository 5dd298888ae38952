using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Courier.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Dispatch;

/// <summary>Sending, deleting, abandoning and poisoning messages, with the runtime's rules (TTL -1, capped delays).</summary>
internal sealed class QueueOperations(HubContext hub)
{
    /// <summary>Messages never expire: timers and backlogs must survive any delay.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var queue = hub.Storage.Queue(message.Queue);
        var delay = DelayUntil(message.VisibleAt);
        await queue.SendMessageAsync(message.Body, delay > TimeSpan.Zero ? delay : null, NeverExpires, cancellationToken);
        if (delay <= TimeSpan.Zero)
        {
            hub.Signals.For(queue.Name).Set();
        }
    }

    /// <summary>Sends a message that stays invisible for <paramref name="hold"/>; its receipt lets the sender update or delete it without receiving it.</summary>
    public async Task<SendReceipt> SendInvisibleAsync(OutboxMessage message, TimeSpan hold, CancellationToken cancellationToken) =>
        (await hub.Storage.Queue(message.Queue).SendMessageAsync(message.Body, hold, NeverExpires, cancellationToken)).Value;

    public async Task<OutboxMessage> ToOutboxAsync(QueueClient queue, TaskMessage message, DateTimeOffset? visibleAt, CancellationToken cancellationToken) =>
        new(queue.Name, await hub.Codec.EncodeAsync(message, cancellationToken), visibleAt);

    public async Task SendAsync(QueueClient queue, TaskMessage message, DateTimeOffset? visibleAt, CancellationToken cancellationToken) =>
        await SendAsync(await ToOutboxAsync(queue, message, visibleAt, cancellationToken), cancellationToken);

    /// <summary>The visibility delay for a message due at <paramref name="visibleAt"/>, capped at one timer hop.</summary>
    public TimeSpan DelayUntil(DateTimeOffset? visibleAt)
    {
        if (visibleAt is null)
        {
            return TimeSpan.Zero;
        }
        var delay = visibleAt.Value - hub.Time.GetUtcNow();
        var hop = hub.Options.StorageProvider.MaxTimerHop;
        return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > hop ? hop : delay;
    }

    public static async Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (message.Chunk is { } chunk)
        {
            await chunk.SettleAsync(ChunkLease.KeyOf(message.Message.InstanceId, message.Message.ExecutionId, message.Message.Event.TaskScheduledId));
            return;
        }
        await message.Gate.WaitAsync(cancellationToken);
        try
        {
            await DeleteAsync(message.Queue, message.MessageId, message.PopReceipt, cancellationToken);
            message.RenewAfterTicks = long.MaxValue;
        }
        finally
        {
            message.Gate.Release();
        }
    }

    /// <summary>Extends the invisibility of a message still being worked on; false when it is no longer ours.</summary>
    public static async Task<bool> RenewAsync(ReceivedMessage message, TimeSpan visibility)
    {
        if (message.Chunk is { } chunk)
        {
            // The chunk renews itself until all of its activities are settled.
            return !chunk.IsFinished;
        }
        await message.Gate.WaitAsync();
        try
        {
            if (message.RenewAfterTicks == long.MaxValue)
            {
                return false;
            }
            var receipt = await message.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: visibility);
            message.PopReceipt = receipt.Value.PopReceipt;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            return false;
        }
        finally
        {
            message.Gate.Release();
        }
    }

    public static async Task DeleteAsync(QueueClient queue, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Already deleted, or received again by someone else (new pop receipt): either way not ours to delete.
        }
    }

    /// <summary>Makes a message visible again after <paramref name="delay"/> (0 = at once).</summary>
    public static async Task AbandonAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (message.Chunk is { } chunk)
        {
            // A chunk cannot be given back in part: all of it comes back, and what was committed is dropped as duplicate.
            await chunk.ReleaseAsync(delay);
            return;
        }
        await message.Gate.WaitAsync(cancellationToken);
        try
        {
            var receipt = await message.Queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
            message.PopReceipt = receipt.Value.PopReceipt;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Gone or no longer ours.
        }
        finally
        {
            message.RenewAfterTicks = long.MaxValue;
            message.Gate.Release();
        }
    }

    /// <summary>Copies a message to the poison queue and deletes the original: it is never processed again.</summary>
    public async Task PoisonAsync(QueueClient queue, string messageId, string popReceipt, string body, long dequeueCount, string reason, CancellationToken cancellationToken)
    {
        await hub.Storage.Poison.SendMessageAsync(body, null, NeverExpires, cancellationToken);
        await DeleteAsync(queue, messageId, popReceipt, cancellationToken);
        Log.PoisonMessage(hub.LoggerFactory.CreateLogger("Courier.Durable.Poison"), messageId, queue.Name, dequeueCount, reason);
    }
}
