using Azure.Data.Tables;
using Courier.Durable.Dispatch;
using Courier.Durable.Execution;
using Courier.Durable.Storage;

namespace Courier.Durable.Client;

/// <summary>
/// Starts instances in batches. Per control-queue partition, one table transaction adds the Pending
/// rows (an atomic insert each, so concurrent starts of one id from many hosts create it once) and one
/// queue message carries all their start events: concurrent starts share requests instead of paying
/// two each. A row that already exists is taken out of the transaction and resolved on its own (dedupe
/// statuses, restart of a finished instance), the rest retried. A single start is a batch of one and
/// costs what it always did: one insert and one send.
/// </summary>
internal sealed class InstanceStarter(HubContext hub)
{
    private static readonly OrchestrationRuntimeStatus[] DefaultDedupeStatuses =
    [
        OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Suspended, OrchestrationRuntimeStatus.Completed,
    ];

    public async Task<IReadOnlyList<StartResult>> StartAsync(IReadOnlyList<NewOrchestration> starts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(starts);
        foreach (var start in starts)
        {
            ArgumentNullException.ThrowIfNull(start, nameof(starts));
            ArgumentException.ThrowIfNullOrEmpty(start.Name, nameof(starts));
            if (start.Options?.InstanceId is "")
            {
                throw new ArgumentException("An instance id must not be empty.", nameof(starts));
            }
        }
        await hub.EnsureCreatedAsync(cancellationToken);
        var results = new StartResult[starts.Count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new List<PendingStart>();
        var groups = new List<List<PendingStart>>();
        var byPartition = new Dictionary<int, List<PendingStart>>();
        for (var i = 0; i < starts.Count; i++)
        {
            var start = await PrepareAsync(i, starts[i], cancellationToken);
            if (!ids.Add(start.InstanceId))
            {
                // One table transaction cannot hold an id twice; later repeats run after it, as if started one after another.
                repeated.Add(start);
            }
            else if (start.StartAt is not null)
            {
                // A delayed start has its own message, invisible until its time.
                groups.Add([start]);
            }
            else
            {
                var partition = hub.Storage.PartitionOf(start.InstanceId);
                if (!byPartition.TryGetValue(partition, out var group))
                {
                    byPartition[partition] = group = [];
                    groups.Add(group);
                }
                group.Add(start);
            }
        }
        await Task.WhenAll(groups.Select(g => StartGroupAsync(g, results, cancellationToken)));
        foreach (var start in repeated)
        {
            await StartGroupAsync([start], results, cancellationToken);
        }
        return results;
    }

    private async Task<PendingStart> PrepareAsync(int index, NewOrchestration start, CancellationToken cancellationToken)
    {
        var instanceId = start.Options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var executionId = Guid.NewGuid().ToString("N");
        var now = hub.Time.GetUtcNow();
        var serializedInput = DurableJson.Serialize(start.Input);
        var row = hub.Instances.NewRow(instanceId);
        row["Name"] = start.Name;
        row["Status"] = nameof(OrchestrationRuntimeStatus.Pending);
        row["ExecutionId"] = executionId;
        row["CreatedAt"] = now;
        row["LastUpdatedAt"] = now;
        row["ScheduledStartAt"] = start.Options?.StartAt;
        await hub.Instances.SetPayloadAsync(row, instanceId, "Input", serializedInput, cancellationToken);
        var started = new HistoryEvent
        {
            Type = EventType.ExecutionStarted,
            Name = start.Name,
            Data = serializedInput,
            ExecutionId = executionId,
            Timestamp = now,
        };
        return new PendingStart(index, row, new TaskMessage { InstanceId = instanceId, ExecutionId = executionId, Event = started }, start.Options);
    }

    /// <summary>Starts instances of one partition: their rows in as few transactions as allowed, then their events in one message.</summary>
    private async Task StartGroupAsync(List<PendingStart> group, StartResult[] results, CancellationToken cancellationToken)
    {
        var created = new List<PendingStart>();
        foreach (var transaction in InstanceStore.TransactionGroups([.. group.Select(s => s.Row)]))
        {
            var pending = transaction.Select(i => group[i]).ToList();
            while (pending.Count > 0)
            {
                if (await hub.Instances.TryAddAllAsync([.. pending.Select(s => s.Row)], cancellationToken) is not { } conflict)
                {
                    created.AddRange(pending);
                    break;
                }
                var existing = pending[conflict];
                pending.RemoveAt(conflict);
                switch (await ResolveExistingAsync(existing, cancellationToken))
                {
                    case null:
                        // The row vanished (purged) since the conflict: add it again.
                        pending.Add(existing);
                        break;
                    case { Created: true }:
                        created.Add(existing);
                        break;
                    case { } outcome:
                        results[existing.Index] = outcome;
                        break;
                }
            }
        }
        if (created.Count > 0)
        {
            await SendAsync(created, cancellationToken);
        }
        foreach (var start in created)
        {
            results[start.Index] = new StartResult(start.InstanceId, true, null);
        }
    }

    /// <summary>
    /// The start's row exists: nothing happens when its status is deduplicated (or still live); a
    /// finished instance is restarted by claiming its row with the new execution id, If-Match.
    /// Null when the row has gone meanwhile.
    /// </summary>
    private async Task<StartResult?> ResolveExistingAsync(PendingStart start, CancellationToken cancellationToken)
    {
        var existing = await hub.Instances.GetRowAsync(start.InstanceId, cancellationToken);
        if (existing is null)
        {
            return null;
        }
        var status = InstanceStore.StatusOf(existing);
        var dedupe = start.Options?.DedupeStatuses ?? DefaultDedupeStatuses;
        var terminal = status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;
        if (dedupe.Contains(status) || !terminal)
        {
            return new StartResult(start.InstanceId, false, status);
        }
        start.Row["Checkpoint"] = existing.GetInt64("Checkpoint") ?? 0;
        if (await hub.Instances.TryReplaceAsync(start.Row, existing.ETag, cancellationToken) is null)
        {
            var now = await hub.Instances.GetRowAsync(start.InstanceId, cancellationToken);
            return new StartResult(start.InstanceId, false, now is null ? null : InstanceStore.StatusOf(now));
        }
        return new StartResult(start.InstanceId, true, null);
    }

    /// <summary>Sends the start events of one partition: one message, or one bundle per 64 KB of them.</summary>
    private async Task SendAsync(List<PendingStart> created, CancellationToken cancellationToken)
    {
        var queue = hub.Storage.ControlQueueFor(created[0].InstanceId).Name;
        var bodies = new List<string>(created.Count);
        foreach (var start in created)
        {
            bodies.Add(await hub.Codec.EncodeAsync(start.Message, cancellationToken));
        }
        if (bodies.Count == 1)
        {
            await hub.Queues.SendAsync(new OutboxMessage(queue, bodies[0], created[0].StartAt), cancellationToken);
            return;
        }
        await Task.WhenAll(StartBundle.Group(bodies).Select(g => hub.Queues.SendAsync(
            new OutboxMessage(queue, g.Count == 1 ? bodies[g[0]] : new StartBundle([.. g.Select(i => bodies[i])]).Encode(), null),
            cancellationToken)));
    }

    /// <summary>A start on its way: its position in the batch, its Pending row and its start message.</summary>
    private sealed record PendingStart(int Index, TableEntity Row, TaskMessage Message, StartOrchestrationOptions? Options)
    {
        public string InstanceId => Message.InstanceId;

        public DateTimeOffset? StartAt => Options?.StartAt;
    }
}
