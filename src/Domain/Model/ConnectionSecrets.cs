namespace Courier.Domain.Model;

/// <summary>
/// The secret parts of a connection. Encrypted at rest, never returned by the API (which reports
/// only "set"/"not set"), never logged: <see cref="ToString"/> prints no value.
/// </summary>
public sealed record ConnectionSecrets
{
    public string? Password { get; init; }

    /// <summary>sftp/ssh: private key (OpenSSH or PEM text).</summary>
    public string? PrivateKey { get; init; }

    public string? PrivateKeyPassphrase { get; init; }

    /// <summary>http: bearer token; sendGrid: API key; blob: SAS token or account key.</summary>
    public string? Token { get; init; }

    /// <summary>gpgKey: the armored key (public for encryption, or private for decryption).</summary>
    public string? PgpKey { get; init; }

    /// <summary>A full connection string, when given instead of the separate settings.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>True when no secret is set.</summary>
    public bool IsEmpty =>
        Password is null && PrivateKey is null && PrivateKeyPassphrase is null && Token is null
        && PgpKey is null && ConnectionString is null;

    /// <summary>Secrets never reach a log through a record's generated ToString.</summary>
    public override string ToString() => "ConnectionSecrets { (redacted) }";
}
