using Azure.Data.Tables;

namespace Courier.Domain.Scheduling;

/// <summary>
/// The last occurrence each schedule fired (table <c>schedulestate</c>), so a restarted host neither
/// repeats occurrences nor forgets the ones it missed (the catch-up policy decides those). Shared by all
/// hosts; a stale value only makes a host try an occurrence again, which the run-id dedupe absorbs.
/// </summary>
public sealed class ScheduleStateStore(TableServiceClient tables)
{
    public const string TableName = "schedulestate";
    private const string Row = "last";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private bool _created;

    public async Task<DateTimeOffset?> LastFiredAsync(Guid scheduleId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(scheduleId.ToString("D"), Row, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetDateTimeOffset("LastFired") : null;
    }

    public async Task SaveLastFiredAsync(Guid scheduleId, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        await _table.UpsertEntityAsync(new TableEntity(scheduleId.ToString("D"), Row) { ["LastFired"] = occurrence }, TableUpdateMode.Replace, cancellationToken);
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }
}
