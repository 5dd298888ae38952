using Microsoft.Extensions.Logging;

namespace Courier.Durable;

/// <summary>Every log line of the runtime, with stable event ids (1xxx episodes, 2xxx activities, 3xxx leases, 4xxx poison).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Episode of {InstanceId}: {Accepted} new events, {Dropped} dropped, status {Status}")]
    public static partial void EpisodeCompleted(ILogger logger, string instanceId, int accepted, int dropped, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Split brain on {InstanceId}: another worker committed first; this episode's results are discarded")]
    public static partial void SplitBrainDetected(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Re-sending {Count} outbox messages of {InstanceId} left by an interrupted episode")]
    public static partial void OutboxRecovered(ILogger logger, string instanceId, int count);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Episode of {InstanceId} failed; its messages will be retried")]
    public static partial void EpisodeFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Orchestrator '{Name}' of {InstanceId} is not registered; the instance fails")]
    public static partial void OrchestratorNotFound(ILogger logger, string name, string instanceId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Dropped {EventType} for {InstanceId}: {Reason}")]
    public static partial void MessageDropped(ILogger logger, string instanceId, string eventType, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Instance {InstanceId} finished with status {Status}")]
    public static partial void InstanceFinished(ILogger logger, string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Start bundle {MessageId} came back with {Count} starts (the first of {InstanceId}); split into single start messages")]
    public static partial void StartBundleSplit(ILogger logger, string messageId, int count, string instanceId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Start of {InstanceId} was committed already though its row still read Pending (a crash between commit and row update, or another worker); its messages come back and run against the history")]
    public static partial void StartAlreadyCommitted(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Activity {Name} of {InstanceId} failed: {ErrorType}")]
    public static partial void ActivityFailed(ILogger logger, string name, string instanceId, string errorType);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Work item {MessageId} could not be completed; it will be retried")]
    public static partial void WorkItemError(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Dispatcher loop of {Queue} failed; retrying")]
    public static partial void DispatcherError(ILogger logger, string queue, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Work-item chunk {MessageId} came back with {Count} activities (the first of {InstanceId}); split into single work items")]
    public static partial void WorkItemChunkSplit(ILogger logger, string messageId, int count, string instanceId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Worker {WorkerId} acquired partition {Partition}")]
    public static partial void LeaseAcquired(ILogger logger, string workerId, string partition);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Worker {WorkerId} released partition {Partition}")]
    public static partial void LeaseReleased(ILogger logger, string workerId, string partition);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Worker {WorkerId} lost partition {Partition}")]
    public static partial void LeaseLost(ILogger logger, string workerId, string partition);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Partition lease manager of {WorkerId} failed; retrying")]
    public static partial void LeaseError(ILogger logger, string workerId, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Lease round of {WorkerId} took {Milliseconds} ms (lease {LeaseSeconds} s): storage is slow, and leases renewed this late may expire and move")]
    public static partial void LeaseRoundSlow(ILogger logger, string workerId, long milliseconds, double leaseSeconds);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Poison message {MessageId} on {Queue} after {DequeueCount} dequeues moved to the poison queue: {Reason}")]
    public static partial void PoisonMessage(ILogger logger, string messageId, string queue, long dequeueCount, string reason);
}
