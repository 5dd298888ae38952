using Azure.Data.Tables;
using Courier.Durable.Dispatch;
using Courier.Durable.Execution;
using Courier.Durable.Storage;

namespace Courier.Durable.Client;

/// <summary>
/// Starts, inspects, signals, terminates and purges orchestration instances of one task hub.
/// Every operation is a storage write or a control message, so it works from any process.
/// </summary>
public sealed class DurableTaskClient
{
    private readonly HubContext _hub;
    private readonly InstanceStarter _starter;
    private int _nextPartition = -1;

    internal DurableTaskClient(HubContext hub)
    {
        _hub = hub;
        _starter = new InstanceStarter(hub);
    }

    /// <summary>Starts an instance; throws <see cref="OrchestrationAlreadyExistsException"/> when the id exists in a deduplicated state.</summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await TryScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellationToken);
        return result.Created ? result.InstanceId : throw new OrchestrationAlreadyExistsException(result.InstanceId, result.ExistingStatus!.Value);
    }

    /// <summary>
    /// Starts an instance unless one with this id exists in a deduplicated state, in which case it does
    /// nothing and says so. The Instances row is added first (an atomic insert), so concurrent starts
    /// of one id from many hosts create it once.
    /// </summary>
    public async Task<StartResult> TryScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        return (await _starter.StartAsync([new NewOrchestration(orchestratorName, input, options)], cancellationToken))[0];
    }

    /// <summary>
    /// <paramref name="count"/> new instance ids (<paramref name="prefix"/> and a random GUID) that all fall on one partition,
    /// a different one at each call in turn: started together, they cost one table transaction and one message instead
    /// of one per partition, and the partitions still share the work evenly over many calls.
    /// </summary>
    public IReadOnlyList<string> NewInstanceIds(string prefix, int count)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var partition = (int)((uint)Interlocked.Increment(ref _nextPartition) % (uint)_hub.Storage.ControlQueues.Count);
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            // Random ids land on each partition alike, so this takes as many tries as there are partitions, on average.
            do
            {
                ids[i] = $"{prefix}{Guid.NewGuid():N}";
            }
            while (_hub.Storage.PartitionOf(ids[i]) != partition);
        }
        return ids;
    }

    /// <summary>
    /// Starts several instances with the rules of <see cref="TryScheduleNewOrchestrationInstanceAsync"/>,
    /// sharing storage requests: per control-queue partition one table transaction adds the rows and one
    /// message carries the starts. Results come in the order given; an id given twice starts once (the
    /// repeat is answered as a start of an existing instance).
    /// </summary>
    public Task<IReadOnlyList<StartResult>> TryScheduleNewOrchestrationInstancesAsync(
        IReadOnlyList<NewOrchestration> starts, CancellationToken cancellationToken = default) =>
        _starter.StartAsync(starts, cancellationToken);

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        await _hub.EnsureCreatedAsync(cancellationToken);
        var row = await _hub.Instances.GetRowAsync(instanceId, cancellationToken);
        return row is null ? null : await _hub.Instances.ToMetadataAsync(row, getInputsAndOutputs, cancellationToken);
    }

    /// <summary>One page of instances matching the query; pass the continuation token back for the next page.</summary>
    public async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        await _hub.EnsureCreatedAsync(cancellationToken);
        return await _hub.Instances.QueryAsync(query, cancellationToken);
    }

    /// <summary>Every instance matching the query, page by page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? query = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = query ?? new OrchestrationQuery();
        while (true)
        {
            var result = await QueryInstancesAsync(page, cancellationToken);
            foreach (var instance in result.Instances)
            {
                yield return instance;
            }
            if (result.ContinuationToken is null)
            {
                yield break;
            }
            page = page with { ContinuationToken = result.ContinuationToken };
        }
    }

    /// <summary>Polls until the instance reaches a terminal state (or the token is cancelled).</summary>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var instance = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
            if (instance is { IsCompleted: true })
            {
                return instance;
            }
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 1.5));
        }
    }

    /// <summary>Raises an event; buffered if nobody waits yet, dropped for finished or unknown instances.</summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await _hub.EnsureCreatedAsync(cancellationToken);
        var raised = new HistoryEvent
        {
            Type = EventType.EventRaised,
            Name = eventName,
            Data = DurableJson.Serialize(eventPayload),
            EventMessageId = Guid.NewGuid().ToString("N"),
            Timestamp = _hub.Time.GetUtcNow(),
        };
        await _hub.Queues.SendAsync(_hub.Storage.ControlQueueFor(instanceId), new TaskMessage { InstanceId = instanceId, Event = raised }, null, cancellationToken);
    }

    /// <summary>Terminates a running instance; running activities finish but their results are discarded.</summary>
    public async Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default)
    {
        await _hub.EnsureCreatedAsync(cancellationToken);
        var terminated = new HistoryEvent
        {
            Type = EventType.ExecutionTerminated,
            Data = DurableJson.Serialize(reason),
            Timestamp = _hub.Time.GetUtcNow(),
        };
        await _hub.Queues.SendAsync(_hub.Storage.ControlQueueFor(instanceId), new TaskMessage { InstanceId = instanceId, Event = terminated }, null, cancellationToken);
    }

    /// <summary>Removes a finished instance: history, Instances row and blobs. Running or missing instances are left alone (count 0).</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await _hub.EnsureCreatedAsync(cancellationToken);
        var row = await _hub.Instances.GetRowAsync(instanceId, cancellationToken);
        if (row is null || InstanceStore.StatusOf(row) is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled))
        {
            return new PurgeResult(0);
        }
        // History first and the row last: an interrupted purge is simply repeated.
        await _hub.History.DeleteInstanceAsync(instanceId, cancellationToken);
        await _hub.Payloads.DeleteInstanceBlobsAsync(instanceId, cancellationToken);
        await _hub.Instances.DeleteAsync(instanceId, cancellationToken);
        return new PurgeResult(1);
    }
}
