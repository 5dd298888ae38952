using System.Globalization;
using Azure.Data.Tables;

namespace Courier.Domain.Starting;

/// <summary>
/// The audit table of external starts (HTTP, queue). One partition per UTC day; row keys sort newest
/// first so "what started today" is one partition scan in the order people read it.
/// </summary>
public sealed class StartAuditLog(TableClient table)
{
    public const string TableName = "audit";

    /// <summary>Table Storage's limits for one entity group transaction: 100 rows, 4 MiB in all.</summary>
    private const int MaxBatchRows = 100;
    private const int MaxBatchBytes = 3 * 1024 * 1024;

    public Task WriteAsync(StartAuditEntry entry, CancellationToken cancellationToken) =>
        WriteAsync([entry], cancellationToken);

    /// <summary>
    /// Writes entries with one transaction per day and hundred rows, so a busy start API pays one
    /// storage request per batch rather than per start.
    /// </summary>
    public async Task WriteAsync(IReadOnlyCollection<StartAuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var day in entries.Select(ToEntity).GroupBy(e => e.PartitionKey))
        {
            // A repeated row key (one request id audited twice in a tick) would fail the whole transaction.
            var rows = day.DistinctBy(e => e.RowKey).ToList();
            foreach (var chunk in Batches(rows))
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            }
        }
    }

    private static IEnumerable<List<TableEntity>> Batches(IEnumerable<TableEntity> rows)
    {
        var batch = new List<TableEntity>();
        var bytes = 0;
        foreach (var row in rows)
        {
            var size = SizeOf(row);
            if (batch.Count == MaxBatchRows || (batch.Count > 0 && bytes + size > MaxBatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }
            batch.Add(row);
            bytes += size;
        }
        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    // UTF-16 text plus a generous allowance for names, keys and the multipart envelope.
    private static int SizeOf(TableEntity row) =>
        1024 + (2 * ((row.GetString("Request")?.Length ?? 0) + (row.GetString("Outcome")?.Length ?? 0)));

    private static TableEntity ToEntity(StartAuditEntry entry) =>
        new(DayKey(entry.At), $"{DateTimeOffset.MaxValue.Ticks - entry.At.UtcTicks:D19}-{entry.Trigger.RequestId}")
        {
            ["At"] = entry.At,
            ["TriggerKind"] = entry.Trigger.Kind,
            ["By"] = entry.Trigger.By,
            ["RequestId"] = entry.Trigger.RequestId,
            ["From"] = entry.From,
            ["Request"] = Truncate(entry.Request),
            ["Outcome"] = Truncate(entry.Outcome),
            ["TasksStarted"] = entry.TasksStarted,
        };

    public async Task<IReadOnlyList<StartAuditEntry>> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var entries = new List<StartAuditEntry>();
        var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            entries.Add(new StartAuditEntry(
                row.GetDateTimeOffset("At") ?? default,
                new StartTrigger(row.GetString("TriggerKind"), row.GetString("By"), row.GetString("RequestId")),
                row.GetString("From"),
                row.GetString("Request"),
                row.GetString("Outcome"),
                row.GetInt32("TasksStarted") ?? 0));
        }
        return entries;
    }

    private static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    // A table property holds at most 64 KiB of UTF-16; an audit row keeps the start of a huge request.
    private static string Truncate(string text) => text.Length <= 30_000 ? text : string.Concat(text.AsSpan(0, 30_000), "…");
}
