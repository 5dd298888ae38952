using Azure;
using Azure.Data.Tables;
using Courier.Domain.Destinations;

namespace Courier.Domain.Delivery;

/// <summary>Delivery records in Table Storage.</summary>
public sealed class TableDeliveryStore(TableServiceClient tables, string tableName = "deliveries") : IDeliveryStore
{
    private readonly TableClient _table = tables.GetTableClient(tableName);
    private readonly Lazy<Task> _created = new(() => tables.GetTableClient(tableName).CreateIfNotExistsAsync());

    public async Task<DeliveryRecord?> GetAsync(string runId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await _created.Value;
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(runId), TableKeys.Escape(idempotencyKey), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task SaveAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryRecord>> ListForRunAsync(string runId, CancellationToken cancellationToken)
    {
        await _created.Value;
        var records = new List<DeliveryRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == TableKeys.Escape(runId), cancellationToken: cancellationToken))
        {
            records.Add(FromEntity(entity));
        }
        return records;
    }

    private static TableEntity ToEntity(DeliveryRecord r) => new(TableKeys.Escape(r.RunId), TableKeys.Escape(r.IdempotencyKey))
    {
        ["RunId"] = r.RunId,
        ["IdempotencyKey"] = r.IdempotencyKey,
        ["FileName"] = r.FileName,
        ["Kind"] = r.Kind,
        ["Destination"] = r.Destination,
        ["DestinationRef"] = r.DestinationRef,
        ["Sha256"] = r.Sha256,
        ["Attempts"] = r.Attempts,
        ["Status"] = r.Status.ToString(),
        ["Outcome"] = r.Outcome?.ToString(),
        ["Location"] = r.Location,
        ["Bytes"] = r.Bytes,
        ["Recipients"] = string.Join(';', r.Recipients),
        ["Error"] = r.Error,
        ["ResendOf"] = r.ResendOf,
        ["RequestedBy"] = r.RequestedBy,
        ["StartedAt"] = r.StartedAt,
        ["CompletedAt"] = r.CompletedAt,
    };

    private static DeliveryRecord FromEntity(TableEntity e) =>
        new(e.GetString("RunId"), e.GetString("IdempotencyKey"), e.GetString("FileName"), e.GetString("Kind"), e.GetString("Destination"))
        {
            DestinationRef = e.GetString("DestinationRef"),
            Sha256 = e.GetString("Sha256"),
            Attempts = e.GetInt32("Attempts") ?? 0,
            Status = Enum.Parse<DeliveryStatus>(e.GetString("Status")),
            Outcome = e.GetString("Outcome") is { } outcome ? Enum.Parse<DeliveryOutcome>(outcome) : null,
            Location = e.GetString("Location"),
            Bytes = e.GetInt64("Bytes") ?? 0,
            Recipients = (e.GetString("Recipients") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries),
            Error = e.GetString("Error"),
            ResendOf = e.GetString("ResendOf"),
            RequestedBy = e.GetString("RequestedBy"),
            StartedAt = e.GetDateTimeOffset("StartedAt"),
            CompletedAt = e.GetDateTimeOffset("CompletedAt"),
        };
}
