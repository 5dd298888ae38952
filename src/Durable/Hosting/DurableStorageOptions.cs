namespace Courier.Durable.Hosting;

/// <summary>Storage and dispatch settings (host.json <c>extensions.durableTask.storageProvider</c>).</summary>
public sealed class DurableStorageOptions
{
    /// <summary>Control queues (1–16). Fixed when the hub is created: instances map to partitions by hash.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>The longest wait between polls of an idle queue.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first wait after a poll finds a queue empty; it doubles up to the maximum.</summary>
    public TimeSpan MinQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long a dequeued activity stays invisible; renewed while the activity runs.</summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a dequeued control message stays invisible: the recovery delay after a crash.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After this many dequeues a message is moved to the poison queue instead of being processed.</summary>
    public int PoisonMessageDequeueCount { get; set; } = 5;

    /// <summary>Longest visibility delay of one timer message; longer timers are re-delayed in hops.</summary>
    public TimeSpan MaxTimerHop { get; set; } = TimeSpan.FromDays(6);

    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A start whose instance row has stayed Pending this long with no history and no start message left
    /// waiting in its control queue is sent again (the starting process died between the two writes).
    /// </summary>
    public TimeSpan LostStartAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When false every worker polls every control queue (correctness never depends on leases).</summary>
    public bool UsePartitionLeases { get; set; } = true;
}
