using Azure.Data.Tables;
using Courier.Domain.Starting;

namespace Courier.Functions.Starts;

/// <summary>
/// The start API's tables, created on first use rather than at start-up so the host comes up (and
/// /healthz can report it) while storage is still down. A failed creation is simply tried again on
/// the next request; two racing creations are harmless.
/// </summary>
public sealed class StartTables(TableServiceClient tables, TimeProvider time)
{
    private StartAuditLog? _audit;
    private StartIdempotencyStore? _idempotency;

    public async Task<StartAuditLog> AuditAsync(CancellationToken cancellationToken) =>
        _audit ??= new StartAuditLog(await CreateAsync(StartAuditLog.TableName, cancellationToken));

    public async Task<StartIdempotencyStore> IdempotencyAsync(CancellationToken cancellationToken) =>
        _idempotency ??= new StartIdempotencyStore(await CreateAsync(StartIdempotencyStore.TableName, cancellationToken), time);

    private async Task<TableClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(name);
        await table.CreateIfNotExistsAsync(cancellationToken);
        return table;
    }
}
