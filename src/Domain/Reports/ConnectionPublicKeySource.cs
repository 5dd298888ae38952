using Courier.Domain.Model;
using Courier.Domain.Pipeline.Steps.Pgp;
using Courier.Domain.Sources;

namespace Courier.Domain.Reports;

/// <summary>The PGP step's public keys: the armored key of a stored "gpg key" connection.</summary>
public sealed class ConnectionPublicKeySource(StoredConnections connections) : IPublicKeySource
{
    public async Task<string> GetArmoredPublicKeyAsync(string keyConnectionId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(keyConnectionId, out var id))
        {
            throw new SourceException($"'{keyConnectionId}' is not a connection id.");
        }
        var connection = await connections.GetAsync(id, "PGP key", cancellationToken);
        if (connection.Kind != ConnectionKind.GpgKey)
        {
            throw new SourceException($"The connection '{connection.Name}' is a {connection.Kind} connection, not a gpg key.");
        }
        return connection.Secrets.PgpKey is { Length: > 0 } key
            ? key
            : throw new SourceException($"The gpg key connection '{connection.Name}' holds no key.");
    }
}
