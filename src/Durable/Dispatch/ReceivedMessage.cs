using Azure.Storage.Queues;
using Courier.Durable.Storage;

namespace Courier.Durable.Dispatch;

/// <summary>A dequeued message with what is needed to delete, renew or abandon it.</summary>
internal sealed class ReceivedMessage
{
    public required QueueClient Queue { get; init; }

    public required string MessageId { get; init; }

    public required string PopReceipt { get; set; }

    public required long DequeueCount { get; init; }

    public required string Body { get; init; }

    public required TaskMessage Message { get; init; }

    /// <summary>Serialises visibility renewals with the final delete (both need the current pop receipt).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>
    /// Set on the result of one activity of a chunk run in this process: there is no queue message of
    /// its own, and deleting it settles the activity in the chunk instead (see <see cref="ChunkLease"/>).
    /// </summary>
    public ChunkLease? Chunk { get; init; }

    /// <summary>When the next visibility renewal is due (real time: queue visibility runs on the server's clock).</summary>
    public long RenewAfterTicks { get; set; }
}
