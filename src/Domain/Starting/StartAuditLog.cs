using System.Globalization;
using Azure.Data.Tables;

namespace Courier.Domain.Starting;

/// <summary>
/// The audit table of external starts (HTTP, queue). One partition per UTC day. A write packs its entries into as
/// few rows as fit (<see cref="StartAuditRows"/>): a busy start API adds a row per write, not per start, which keeps
/// the day's partition small (each row inserted costs storage more as the partition grows, Azurite especially).
/// Reading unpacks the rows, so a day still reads as one entry per start request, newest first.
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
    /// Writes entries as packed rows with one transaction per day and per few rows. The rows' keys follow from their
    /// entries, so writing the same entries again (a retry after an unknown outcome) replaces the rows, not repeats them.
    /// </summary>
    public async Task WriteAsync(IReadOnlyCollection<StartAuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // One request audited twice (same time and id) is one entry, as when it was a row of its own.
        var distinct = entries.DistinctBy(e => (e.At.UtcTicks, e.Trigger.RequestId));
        foreach (var day in distinct.GroupBy(e => DayKey(e.At)))
        {
            foreach (var chunk in Batches(StartAuditRows.Pack(day.Key, [.. day])))
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
            var size = StartAuditRows.SizeOf(row);
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

    public async Task<IReadOnlyList<StartAuditEntry>> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var entries = new List<StartAuditEntry>();
        var partition = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            entries.AddRange(StartAuditRows.Unpack(row));
        }
        return [.. entries.OrderByDescending(e => e.At).ThenBy(e => e.Trigger.RequestId, StringComparer.Ordinal)];
    }

    private static string DayKey(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
