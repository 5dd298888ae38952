using Azure;
using Azure.Data.Tables;
using Courier.Domain.Delivery;

namespace Courier.Domain.Notifications;

/// <summary>Rate limit rows in table <c>notifylimits</c> (PK task, RK recipient, LastSentAt), updated with ETags so two hosts cannot both pass.</summary>
public sealed class TableNotificationRateLimiter(TableServiceClient tables, TimeProvider timeProvider, string tableName = "notifylimits") : INotificationRateLimiter
{
    private readonly TableClient _table = tables.GetTableClient(tableName);
    private readonly Lazy<Task> _created = new(() => tables.GetTableClient(tableName).CreateIfNotExistsAsync());

    public async Task<bool> TryAcquireAsync(string taskId, string recipient, TimeSpan window, CancellationToken cancellationToken)
    {
        if (window <= TimeSpan.Zero)
        {
            return true;
        }
        await _created.Value;
        var now = timeProvider.GetUtcNow();
        var partition = TableKeys.Escape(taskId);
        var row = TableKeys.Escape(recipient.ToLowerInvariant());
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        try
        {
            if (!existing.HasValue)
            {
                await _table.AddEntityAsync(new TableEntity(partition, row) { ["LastSentAt"] = now }, cancellationToken);
                return true;
            }
            var entity = existing.Value!;
            if (entity.GetDateTimeOffset("LastSentAt") is { } last && now - last < window)
            {
                return false;
            }
            entity["LastSentAt"] = now;
            await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another host notified this recipient at the same moment.
            return false;
        }
    }
}
