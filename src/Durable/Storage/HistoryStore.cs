using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Courier.Durable.Execution;

namespace Courier.Durable.Storage;

/// <summary>
/// The History table: one partition per instance holding event rows (<c>E-{seq}</c>, each a run of
/// events starting at that sequence number), outbox rows
/// (<c>O-{checkpoint}-{n}</c>) and the sentinel whose ETag guards every commit. A commit larger than
/// one entity-group transaction is split into chunks that each carry the sentinel with If-Match, so
/// a competing worker is stopped at its first chunk; only the last chunk advances the event count,
/// which is what makes the new rows visible. A commit also deletes the outbox rows of the previous
/// commit once they are sent, which saves a request per episode.
/// </summary>
internal sealed class HistoryStore(TableClient table, PayloadStore payloads)
{
    private const string SentinelKey = "sentinel";
    private const int MaxOperationsPerChunk = 99;
    private const int MaxCharsPerChunk = 1_500_000;

    public async Task<InstanceHistory> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var partition = KeyEncoding.Escape(instanceId);
        var history = new InstanceHistory { InstanceId = instanceId };
        // A point read first: a partition query costs a scan of the whole table on Azurite (and a new
        // instance, the common case, has nothing to query). No sentinel means no rows: every commit's
        // first transaction writes the sentinel with its rows, and a purge deletes the sentinel last.
        if (!(await table.GetEntityIfExistsAsync<TableEntity>(partition, SentinelKey, ["RowKey"], cancellationToken)).HasValue)
        {
            return history;
        }
        var eventRows = new List<TableEntity>();
        var outboxRows = new List<TableEntity>();
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (row.RowKey == SentinelKey)
            {
                history.ETag = row.ETag;
                history.ExecutionId = row.GetString("ExecutionId");
                history.Checkpoint = row.GetInt64("Checkpoint") ?? 0;
                count = row.GetInt32("EventCount") ?? 0;
            }
            else if (row.RowKey.StartsWith("E-", StringComparison.Ordinal))
            {
                eventRows.Add(row);
            }
            else if (row.RowKey.StartsWith("O-", StringComparison.Ordinal))
            {
                outboxRows.Add(row);
            }
        }
        // Follow the chain from event 0: each row names its first event and holds a run of them. Rows
        // off the chain are leftovers of a commit that lost; every row on it was written by the
        // commit that made it visible (stale writers fail on the sentinel ETag), so it is current.
        var bySequence = eventRows.ToDictionary(r => SequenceOf(r.RowKey));
        while (history.Events.Count < count)
        {
            if (!bySequence.TryGetValue(history.Events.Count, out var row))
            {
                throw new InvalidOperationException($"History of '{instanceId}' has {history.Events.Count} of {count} committed events.");
            }
            history.Events.AddRange(await ReadEventsAsync(row, cancellationToken));
        }
        if (history.Events.Count != count)
        {
            throw new InvalidOperationException($"History of '{instanceId}' has {history.Events.Count} events where {count} are committed.");
        }
        var committedPrefix = OutboxPrefix(history.Checkpoint);
        foreach (var row in outboxRows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            history.OutboxRowKeys.Add(row.RowKey);
            if (history.ETag is not null && row.RowKey.StartsWith(committedPrefix, StringComparison.Ordinal))
            {
                history.PendingOutbox.AddRange(JsonSerializer.Deserialize<List<OutboxMessage>>(row.GetString("Messages")!, DurableJson.Options)!);
            }
        }
        return history;
    }

    /// <summary>The execution id the instance's history was last committed for; null before its first commit.</summary>
    public async Task<string?> CommittedExecutionIdAsync(string instanceId, CancellationToken cancellationToken)
    {
        var sentinel = await table.GetEntityIfExistsAsync<TableEntity>(
            KeyEncoding.Escape(instanceId), SentinelKey, ["ExecutionId"], cancellationToken);
        return sentinel.HasValue ? sentinel.Value!.GetString("ExecutionId") : null;
    }

    /// <summary>The sentinel's current ETag; null before the instance's first commit.</summary>
    public async Task<ETag?> SentinelETagAsync(string instanceId, CancellationToken cancellationToken)
    {
        var sentinel = await table.GetEntityIfExistsAsync<TableEntity>(KeyEncoding.Escape(instanceId), SentinelKey, ["RowKey"], cancellationToken);
        return sentinel.HasValue ? sentinel.Value!.ETag : null;
    }

    /// <summary>
    /// Writes <paramref name="events"/> from sequence <paramref name="firstSeq"/>, the outbox and the
    /// sentinel, conditional on <see cref="InstanceHistory.ETag"/>, and deletes <paramref name="sentOutboxRowKeys"/>.
    /// Throws <see cref="CommitConflictException"/> when another worker got there first (or removed
    /// those rows). Returns the sentinel's new ETag and the outbox row keys.
    /// </summary>
    public async Task<(ETag ETag, List<string> OutboxRowKeys)> CommitAsync(
        InstanceHistory current,
        string executionId,
        int firstSeq,
        IReadOnlyList<HistoryEvent> events,
        IReadOnlyList<OutboxMessage> outbox,
        long newCheckpoint,
        IReadOnlyCollection<string> sentOutboxRowKeys,
        CancellationToken cancellationToken)
    {
        var partition = KeyEncoding.Escape(current.InstanceId);
        var rows = sentOutboxRowKeys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k), ETag.All)).ToList();
        var seq = firstSeq;
        foreach (var run in EventRuns(events))
        {
            var (inline, blob) = await payloads.ForTableAsync(current.InstanceId, "[" + string.Join(',', run) + "]", cancellationToken);
            rows.Add(Upsert(new TableEntity(partition, EventKey(seq))
            {
                ["Events"] = inline,
                ["EventsBlob"] = blob,
                ["Count"] = run.Count,
                ["ExecutionId"] = executionId,
            }));
            seq += run.Count;
        }
        var outboxRows = OutboxRows(partition, outbox, newCheckpoint).ToList();
        rows.AddRange(outboxRows.Select(Upsert));

        var chunks = Chunk(rows);
        var etag = current.ETag;
        for (var c = 0; c < chunks.Count; c++)
        {
            var last = c == chunks.Count - 1;
            var sentinel = new TableEntity(partition, SentinelKey) { ["PendingChunk"] = c };
            if (last)
            {
                sentinel["ExecutionId"] = executionId;
                sentinel["EventCount"] = firstSeq + events.Count;
                sentinel["Checkpoint"] = newCheckpoint;
            }
            else if (etag is null || executionId != current.ExecutionId)
            {
                // A new execution overwrites rows from 0: switch to it (still empty) before the first
                // chunk lands, so no reader ever sees the old execution mixed with new rows.
                sentinel["ExecutionId"] = executionId;
                sentinel["EventCount"] = 0;
                sentinel["Checkpoint"] = current.Checkpoint;
            }
            var actions = chunks[c];
            actions.Add(etag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, sentinel)
                : new TableTransactionAction(TableTransactionActionType.UpdateMerge, sentinel, etag.Value));
            try
            {
                var response = await table.SubmitTransactionAsync(actions, cancellationToken);
                etag = response.Value[^1].Headers.ETag ?? (await table.GetEntityAsync<TableEntity>(partition, SentinelKey, ["ExecutionId"], cancellationToken)).Value.ETag;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                throw new CommitConflictException($"Another worker committed history of '{current.InstanceId}' first ({e.Status} {e.ErrorCode}).", e);
            }
        }
        return (etag!.Value, [.. outboxRows.Select(r => r.RowKey)]);
    }

    public async Task DeleteRowsAsync(string instanceId, IReadOnlyCollection<string> rowKeys, CancellationToken cancellationToken)
    {
        var partition = KeyEncoding.Escape(instanceId);
        foreach (var chunk in rowKeys.Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k), ETag.All)),
                    cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // Someone removed part of it already (a recovering worker); remove the rest one by one.
                foreach (var key in chunk)
                {
                    await table.DeleteEntityAsync(partition, key, ETag.All, cancellationToken);
                }
            }
        }
    }

    /// <summary>Deletes the whole partition (purge).</summary>
    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var partition = KeyEncoding.Escape(instanceId);
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }
        // The sentinel goes last: while it exists, loads read the partition (see LoadAsync).
        await DeleteRowsAsync(instanceId, [.. keys.Where(k => k != SentinelKey)], cancellationToken);
        if (keys.Contains(SentinelKey))
        {
            await DeleteRowsAsync(instanceId, [SentinelKey], cancellationToken);
        }
    }

    /// <summary>
    /// The events of one commit as runs of serialized events, each small enough for one table
    /// property (a larger single event makes a run of its own, stored in a blob). One row per run
    /// rather than per event: a fan-out's thousand scheduling events are a few rows, not a thousand.
    /// </summary>
    private static IEnumerable<List<string>> EventRuns(IReadOnlyList<HistoryEvent> events)
    {
        var run = new List<string>();
        var chars = 2;
        foreach (var e in events)
        {
            var json = JsonSerializer.Serialize(e, DurableJson.Options);
            if (run.Count > 0 && chars + json.Length + 1 > PayloadStore.MaxTableChars)
            {
                yield return run;
                run = [];
                chars = 2;
            }
            run.Add(json);
            chars += json.Length + 1;
        }
        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private async Task<List<HistoryEvent>> ReadEventsAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var json = await payloads.FromTableAsync(row.GetString("Events"), row.GetString("EventsBlob"), cancellationToken);
        var events = JsonSerializer.Deserialize<List<HistoryEvent>>(json!, DurableJson.Options)!;
        if (events.Count == 0 || events.Count != row.GetInt32("Count"))
        {
            throw new InvalidDataException($"History row {row.RowKey} of '{row.PartitionKey}' holds {events.Count} events, not {row.GetInt32("Count")}.");
        }
        return events;
    }

    public static string EventKey(int seq) => string.Create(CultureInfo.InvariantCulture, $"E-{seq:X16}");

    private static string OutboxPrefix(long checkpoint) => string.Create(CultureInfo.InvariantCulture, $"O-{checkpoint:X16}-");

    private static long SequenceOf(string rowKey) => long.Parse(rowKey.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static IEnumerable<TableEntity> OutboxRows(string partition, IReadOnlyList<OutboxMessage> outbox, long checkpoint)
    {
        var batch = new List<OutboxMessage>();
        var chars = 0;
        var n = 0;
        foreach (var message in outbox)
        {
            // Measured as stored: the body is escaped inside the row's JSON, which can grow it a lot.
            var size = JsonSerializer.Serialize(message, DurableJson.Options).Length + 1;
            if (batch.Count > 0 && chars + size > PayloadStore.MaxTableChars)
            {
                yield return OutboxRow(partition, checkpoint, n++, batch);
                batch = [];
                chars = 0;
            }
            batch.Add(message);
            chars += size;
        }
        if (batch.Count > 0)
        {
            yield return OutboxRow(partition, checkpoint, n, batch);
        }
    }

    private static TableEntity OutboxRow(string partition, long checkpoint, int n, List<OutboxMessage> messages) =>
        new(partition, OutboxPrefix(checkpoint) + n.ToString("X4", CultureInfo.InvariantCulture))
        {
            ["Messages"] = JsonSerializer.Serialize(messages, DurableJson.Options),
        };

    private static TableTransactionAction Upsert(TableEntity row) => new(TableTransactionActionType.UpsertReplace, row);

    private static List<List<TableTransactionAction>> Chunk(List<TableTransactionAction> rows)
    {
        var chunks = new List<List<TableTransactionAction>> { new() };
        var chars = 0;
        foreach (var row in rows)
        {
            var size = row.Entity is TableEntity entity ? entity.Sum(p => p.Value is string s ? s.Length : 16) : 16;
            if (chunks[^1].Count >= MaxOperationsPerChunk || (chunks[^1].Count > 0 && chars + size > MaxCharsPerChunk))
            {
                chunks.Add([]);
                chars = 0;
            }
            chunks[^1].Add(row);
            chars += size;
        }
        return chunks;
    }
}
