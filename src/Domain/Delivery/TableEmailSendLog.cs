using Azure;
using Azure.Data.Tables;

namespace Courier.Domain.Delivery;

/// <summary>
/// Send records in Table Storage: PK = idempotency key, RK = message (main, test:addr, sms:addr), with a
/// State of "sending" or "sent". Claims are inserts (If-None-Match) or, for an unfinished claim, an
/// If-Match update, so two executions racing for one message never both win.
/// </summary>
public sealed class TableEmailSendLog(TableServiceClient tables, TimeProvider timeProvider, string tableName = "emailsends") : IEmailSendLog
{
    private const string Sending = "sending";
    private const string Sent = "sent";

    private readonly TableClient _table = tables.GetTableClient(tableName);
    private readonly Lazy<Task> _created = new(() => tables.GetTableClient(tableName).CreateIfNotExistsAsync());

    public async Task<bool> TryClaimAsync(string idempotencyKey, string messageKey, CancellationToken cancellationToken)
    {
        await _created.Value;
        var entity = new TableEntity(TableKeys.Escape(idempotencyKey), TableKeys.Escape(messageKey))
        {
            ["State"] = Sending,
            ["ClaimedAt"] = timeProvider.GetUtcNow(),
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                // Released in between: claim afresh.
                return await TryClaimAsync(idempotencyKey, messageKey, cancellationToken);
            }
            if (existing.Value!.GetString("State") != Sending)
            {
                return false;
            }
            return await TakeOverAsync(entity, existing.Value.ETag, cancellationToken);
        }
    }

    public async Task MarkSentAsync(string idempotencyKey, string messageKey, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(idempotencyKey), TableKeys.Escape(messageKey))
        {
            ["State"] = Sent,
            ["SentAt"] = timeProvider.GetUtcNow(),
        }, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task ReleaseAsync(string idempotencyKey, string messageKey, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _table.DeleteEntityAsync(TableKeys.Escape(idempotencyKey), TableKeys.Escape(messageKey), ETag.All, cancellationToken);
    }

    private async Task<bool> TakeOverAsync(TableEntity claim, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(claim, etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // Another execution took it over (or finished and released it) first.
            return false;
        }
    }
}
