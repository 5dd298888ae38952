using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Courier.Domain.Model;
using Courier.Domain.Secrets;

namespace Courier.Domain.Storage;

/// <summary>
/// Connections, in table <c>{prefix}connections</c>. The document is stored without its secrets;
/// the secrets go, AES-GCM encrypted and bound to the connection id, in column <c>Secrets</c>.
/// </summary>
public sealed class ConnectionRepository(CatalogTables tables, SecretProtector protector)
    : DocumentRepository<Connection>(tables?.Service!, tables!.Name("connections"))
{
    private const string SecretsColumn = "Secrets";
    private const string KeyColumn = "SecretKeyId";

    /// <summary>The kind of every connection, by id (what task validation needs).</summary>
    /// <summary>The kinds of just these connections (those that exist).</summary>
    public async Task<IReadOnlyDictionary<Guid, ConnectionKind>> KindsAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var kinds = new Dictionary<Guid, ConnectionKind>();
        foreach (var row in await RowsAsync(ids, ["RowKey", "Kind"], cancellationToken))
        {
            if (Enum.TryParse<ConnectionKind>(row.GetString("Kind"), out var kind))
            {
                kinds[Guid.Parse(row.RowKey)] = kind;
            }
        }

        return kinds;
    }

    public async Task<IReadOnlyDictionary<Guid, ConnectionKind>> KindsAsync(CancellationToken cancellationToken = default)
    {
        var kinds = new Dictionary<Guid, ConnectionKind>();
        await foreach (var row in ColumnsAsync(null, ["RowKey", "Kind"], cancellationToken))
        {
            if (Enum.TryParse<ConnectionKind>(row.GetString("Kind"), out var kind))
            {
                kinds[Guid.Parse(row.RowKey)] = kind;
            }
        }

        return kinds;
    }

    /// <summary>Re-encrypts every secret not made with the active key; returns how many connections changed.</summary>
    public async Task<int> RotateSecretsAsync(CancellationToken cancellationToken = default)
    {
        var rotated = 0;
        await foreach (var row in ColumnsAsync(null, ["RowKey", KeyColumn], cancellationToken))
        {
            if (row.GetString(KeyColumn) is not { } keyId || keyId == protector.ActiveKeyId)
            {
                continue;
            }

            for (var attempt = 0; ; attempt++)
            {
                var current = await GetAsync(Guid.Parse(row.RowKey), cancellationToken);
                if (current is null)
                {
                    break;
                }

                try
                {
                    await ReplaceAsync(current.Value, current.ETag, cancellationToken);
                    rotated++;
                    break;
                }
                catch (ConcurrencyException) when (attempt < 5)
                {
                    // Someone saved it meanwhile (which re-encrypted it too); read again and check.
                }
            }
        }

        return rotated;
    }

    protected override void WriteColumns(TableEntity entity, Connection document) => entity["Kind"] = document.Kind.ToString();

    protected override Connection ToStorable(Connection document, TableEntity entity)
    {
        if (!document.Secrets.IsEmpty)
        {
            var json = JsonSerializer.Serialize(document.Secrets, CourierJson.Options);
            entity[SecretsColumn] = protector.Protect(json, document.Id.ToString("D"));
            entity[KeyColumn] = protector.ActiveKeyId;
        }

        return document with { Secrets = new ConnectionSecrets() };
    }

    protected override Connection FromStorable(Connection document, TableEntity entity)
    {
        if (entity.GetString(SecretsColumn) is not { } envelope)
        {
            return document;
        }

        var json = protector.Unprotect(envelope, document.Id.ToString("D"));
        var secrets = JsonSerializer.Deserialize<ConnectionSecrets>(json, CourierJson.Stored) ?? new ConnectionSecrets();
        return document with { Secrets = secrets };
    }
}
