using Azure;
using Azure.Data.Tables;
using Courier.Domain.Delivery;

namespace Courier.Domain.Starting;

/// <summary>
/// Which blobs each data-arrival trigger has already acted on (table <c>blobarrivals</c>: PK trigger id,
/// RK blob name, with the version seen). Claims are inserts or If-Match updates, so of any number of hosts
/// polling the same container exactly one starts the run for a new (or rewritten) blob.
/// </summary>
public sealed class BlobArrivalLog(TableServiceClient tables)
{
    public const string TableName = "blobarrivals";

    /// <summary>Marks a trigger's first look: what was there before it existed is not an arrival.</summary>
    private const string BaselineRow = "~baseline";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly Lazy<Task> _created = new(() => tables.GetTableClient(TableName).CreateIfNotExistsAsync());

    public async Task<bool> HasBaselineAsync(Guid triggerId, CancellationToken cancellationToken)
    {
        await _created.Value;
        return (await _table.GetEntityIfExistsAsync<TableEntity>(triggerId.ToString("D"), BaselineRow, cancellationToken: cancellationToken)).HasValue;
    }

    public async Task SaveBaselineAsync(Guid triggerId, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _table.UpsertEntityAsync(new TableEntity(triggerId.ToString("D"), BaselineRow), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>True when this call is the first to see <paramref name="blobName"/> at <paramref name="version"/>.</summary>
    public async Task<bool> TryClaimAsync(Guid triggerId, string blobName, string version, CancellationToken cancellationToken)
    {
        await _created.Value;
        var row = new TableEntity(triggerId.ToString("D"), TableKeys.Escape(blobName)) { ["Version"] = version };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var seen = await _table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            if (!seen.HasValue || seen.Value!.GetString("Version") == version)
            {
                return false;
            }
            try
            {
                await _table.UpdateEntityAsync(row, seen.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException raced) when (raced.Status is 412 or 404)
            {
                return false;
            }
        }
    }
}
