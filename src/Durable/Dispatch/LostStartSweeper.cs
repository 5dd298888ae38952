using Azure.Data.Tables;
using Courier.Durable.Execution;
using Courier.Durable.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Dispatch;

/// <summary>
/// A start is two writes: the Pending instance row, then the start message. A process that dies between
/// them leaves a row that dedupe protects and nothing will ever run (reference §8.4). This sweeper sends
/// the start again for rows Pending longer than <c>lostStartAfter</c> whose history was never committed
/// for that execution and whose start message is not still waiting in the control queue (the queue's
/// oldest visible message is younger than the row). A start that was merely slow to be picked up is
/// thereby left alone, and a duplicate start, should one slip through, is dropped by the dispatcher.
/// </summary>
internal sealed partial class LostStartSweeper(HubContext hub) : BackgroundService
{
    /// <summary>Queue and table clocks differ a little; a message this much younger than the row still counts as its own.</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = hub.LoggerFactory.CreateLogger<LostStartSweeper>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!hub.Options.EnableWorker)
        {
            return;
        }
        var after = hub.Options.StorageProvider.LostStartAfter;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(after / 2, hub.Time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            try
            {
                await hub.EnsureCreatedAsync(stoppingToken);
                await SweepAsync(after, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogSweepFailed(_logger, e);
            }
        }
    }

    internal async Task SweepAsync(TimeSpan after, CancellationToken cancellationToken)
    {
        var now = hub.Time.GetUtcNow();
        var oldestWaiting = new Dictionary<int, DateTimeOffset?>();
        var pending = hub.Storage.Instances.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"Status eq {nameof(OrchestrationRuntimeStatus.Pending)}"), cancellationToken: cancellationToken);
        await foreach (var row in pending)
        {
            var since = Max(row.GetDateTimeOffset("CreatedAt"), row.GetDateTimeOffset("ScheduledStartAt"), row.GetDateTimeOffset("StartResentAt"));
            var instanceId = row.GetString("InstanceId");
            var executionId = row.GetString("ExecutionId");
            if (instanceId is null || executionId is null || now - since < after)
            {
                continue;
            }
            // The peek (one per partition and sweep) first: behind a backlog it rules out every row at once.
            var partition = hub.Storage.PartitionOf(instanceId);
            if (!oldestWaiting.TryGetValue(partition, out var oldest))
            {
                oldestWaiting[partition] = oldest = await OldestVisibleAsync(partition, cancellationToken);
            }
            if (oldest is { } inserted && inserted <= since + ClockSlack)
            {
                continue;
            }
            if (await hub.History.CommittedExecutionIdAsync(instanceId, cancellationToken) == executionId)
            {
                continue;
            }
            await ResendAsync(row, instanceId, executionId, now, cancellationToken);
        }
    }

    private async Task<DateTimeOffset?> OldestVisibleAsync(int partition, CancellationToken cancellationToken)
    {
        var peeked = await hub.Storage.ControlQueues[partition].PeekMessagesAsync(1, cancellationToken);
        return peeked.Value.Length == 0 ? null : peeked.Value[0].InsertedOn;
    }

    private async Task ResendAsync(TableEntity row, string instanceId, string executionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Marked first, If-Match: of several sweeping workers one resends, and the next sweep waits again.
        var mark = new TableEntity(row.PartitionKey, row.RowKey) { ["StartResentAt"] = now };
        if (await hub.Instances.TryMergeAsync(mark, row.ETag, cancellationToken) is null)
        {
            return;
        }
        var metadata = await hub.Instances.ToMetadataAsync(row, fetchPayloads: true, cancellationToken);
        var start = new HistoryEvent
        {
            Type = EventType.ExecutionStarted,
            Name = metadata.Name,
            Data = metadata.SerializedInput,
            ExecutionId = executionId,
            Timestamp = metadata.CreatedAt,
        };
        await hub.Queues.SendAsync(
            hub.Storage.ControlQueueFor(instanceId),
            new TaskMessage { InstanceId = instanceId, ExecutionId = executionId, Event = start },
            null,
            cancellationToken);
        LogResent(_logger, instanceId, metadata.CreatedAt);
    }

    private static DateTimeOffset Max(params DateTimeOffset?[] times) => times.Max() ?? DateTimeOffset.MinValue;

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Start of {InstanceId} (created {CreatedAt:o}) was lost before its message was sent; sending it again")]
    private static partial void LogResent(ILogger logger, string instanceId, DateTimeOffset createdAt);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Lost-start sweep failed; retrying at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
