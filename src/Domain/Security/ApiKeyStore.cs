using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Courier.Domain.Security;

/// <summary>
/// API keys in the <c>apikeys</c> table: one row per key (partition <c>apikey</c>, row = key id),
/// holding the SHA-256 of the key, never the key. Revoked keys keep their row for the audit trail.
/// </summary>
public sealed class ApiKeyStore
{
    public const string DefaultTableName = "apikeys";
    private const string Partition = "apikey";

    /// <summary>
    /// How long a key row read for a request answers later requests presenting the same key. Every request
    /// is authenticated, so without this each one paid a storage read; a key revoked on another host stops
    /// working within this time (on this host, at once).
    /// </summary>
    public static readonly TimeSpan RowReuse = TimeSpan.FromSeconds(10);

    private readonly TableClient _table;
    private readonly TimeProvider _clock;
    private volatile bool _tableExists;
    private readonly ConcurrentDictionary<string, (TableEntity Row, DateTimeOffset ReadAt)> _recentRows = new(StringComparer.Ordinal);

    public ApiKeyStore(TableServiceClient tables, TimeProvider clock, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.GetTableClient(tableName);
        _clock = clock;
    }

    public async Task<IssuedApiKey> CreateAsync(string name, ApiScope scope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var (id, secret) = ApiKeySecret.Generate();
        var key = new ApiKey(id, name, scope, _clock.GetUtcNow(), RevokedAt: null);
        var entity = new TableEntity(Partition, id)
        {
            ["Name"] = key.Name,
            ["Scope"] = ApiScopeNames.Of(scope),
            ["Hash"] = ApiKeySecret.Hash(secret),
            ["CreatedAt"] = key.CreatedAt,
        };
        await EnsureTableAsync(cancellationToken);
        await _table.AddEntityAsync(entity, cancellationToken);
        return new IssuedApiKey(key, secret);
    }

    public async IAsyncEnumerable<ApiKey> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var rows = _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition,
            select: ["RowKey", "Name", "Scope", "CreatedAt", "RevokedAt"],
            cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            if (ToKey(row) is { } key)
            {
                yield return key;
            }
        }
    }

    /// <summary>The key a request presented, when it exists, is not revoked and its hash matches; otherwise null.</summary>
    public async Task<ApiKey?> FindValidAsync(string presented, CancellationToken cancellationToken)
    {
        if (ApiKeySecret.IdOf(presented) is not { } id)
        {
            return null;
        }
        var now = _clock.GetUtcNow();
        TableEntity? row;
        if (_recentRows.TryGetValue(id, out var recent) && now - recent.ReadAt < RowReuse)
        {
            row = recent.Row;
        }
        else
        {
            // Only rows that exist are kept: a key created on another host works here at once.
            row = await FindRowAsync(id, cancellationToken);
            if (row is not null)
            {
                _recentRows[id] = (row, now);
            }
        }
        if (row?.GetBinary("Hash") is not { } hash || !ApiKeySecret.Matches(presented, hash))
        {
            return null;
        }
        return ToKey(row) is { IsRevoked: false } key ? key : null;
    }

    /// <summary>A key by id (revoked or not), or null when there is none.</summary>
    public async Task<ApiKey?> GetAsync(string id, CancellationToken cancellationToken) =>
        await FindRowAsync(id, cancellationToken) is { } row ? ToKey(row) : null;

    /// <summary>Revokes a key; false when no such key exists. Revoking twice keeps the first date.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var row = await FindRowAsync(id, cancellationToken);
        if (row is null)
        {
            return false;
        }
        if (row.GetDateTimeOffset("RevokedAt") is null)
        {
            var update = new TableEntity(Partition, id) { ["RevokedAt"] = _clock.GetUtcNow() };
            await _table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        _recentRows.TryRemove(id, out _);
        return true;
    }

    private async Task<TableEntity?> FindRowAsync(string id, CancellationToken cancellationToken)
    {
        if (!ApiKeySecret.IsWellFormedId(id))
        {
            return null;
        }
        try
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
            return response.HasValue ? response.Value : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The table itself does not exist yet: no key has ever been created.
            return null;
        }
    }

    private static ApiKey? ToKey(TableEntity row) =>
        ApiScopeNames.TryParse(row.GetString("Scope"), out var scope)
            ? new ApiKey(
                row.RowKey,
                row.GetString("Name") ?? "",
                scope.Value,
                row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
                row.GetDateTimeOffset("RevokedAt"))
            : null;

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _tableExists = true;
        }
    }
}
