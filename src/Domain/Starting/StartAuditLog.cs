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

    public async Task WriteAsync(StartAuditEntry entry, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(DayKey(entry.At), $"{DateTimeOffset.MaxValue.Ticks - entry.At.UtcTicks:D19}-{entry.Trigger.RequestId}")
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
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

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
