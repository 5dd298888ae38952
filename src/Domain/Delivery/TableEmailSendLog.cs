using Azure;
using Azure.Data.Tables;

namespace Courier.Domain.Delivery;

/// <summary>Send records in Table Storage: PK = idempotency key, RK = message (main, test:addr, sms:addr); inserted with If-None-Match.</summary>
public sealed class TableEmailSendLog(TableServiceClient tables, TimeProvider timeProvider, string tableName = "emailsends") : IEmailSendLog
{
    private readonly TableClient _table = tables.GetTableClient(tableName);
    private readonly Lazy<Task> _created = new(() => tables.GetTableClient(tableName).CreateIfNotExistsAsync());

    public async Task<bool> TryClaimAsync(string idempotencyKey, string messageKey, CancellationToken cancellationToken)
    {
        await _created.Value;
        var entity = new TableEntity(TableKeys.Escape(idempotencyKey), TableKeys.Escape(messageKey))
        {
            ["ClaimedAt"] = timeProvider.GetUtcNow(),
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(string idempotencyKey, string messageKey, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _table.DeleteEntityAsync(TableKeys.Escape(idempotencyKey), TableKeys.Escape(messageKey), ETag.All, cancellationToken);
    }
}
