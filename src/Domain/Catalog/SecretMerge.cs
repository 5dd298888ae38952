using Courier.Domain.Model;

namespace Courier.Domain.Catalog;

/// <summary>Write-only secrets: null keeps the stored value, "" clears it, anything else replaces it.</summary>
internal static class SecretMerge
{
    public static ConnectionSecrets Merge(ConnectionSecrets stored, ConnectionSecrets incoming) => new()
    {
        Password = Pick(stored.Password, incoming.Password),
        PrivateKey = Pick(stored.PrivateKey, incoming.PrivateKey),
        PrivateKeyPassphrase = Pick(stored.PrivateKeyPassphrase, incoming.PrivateKeyPassphrase),
        Token = Pick(stored.Token, incoming.Token),
        PgpKey = Pick(stored.PgpKey, incoming.PgpKey),
        ConnectionString = Pick(stored.ConnectionString, incoming.ConnectionString),
    };

    private static string? Pick(string? stored, string? incoming) => incoming switch
    {
        null => stored,
        "" => null,
        _ => incoming,
    };
}
