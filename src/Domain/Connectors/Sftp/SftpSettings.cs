namespace Courier.Domain.Connectors.Sftp;

/// <summary>
/// An SFTP connection: password or private key (OpenSSH/PEM text, optional passphrase), and the
/// server's SHA-256 host-key fingerprint to pin (base64, with or without the "SHA256:" prefix).
/// Without a fingerprint any host key is accepted, which only tests should do.
/// </summary>
public sealed record SftpSettings(string Host, string Username)
{
    public int Port { get; init; } = 22;

    public Secret? Password { get; init; }

    public Secret? PrivateKey { get; init; }

    public Secret? PrivateKeyPassphrase { get; init; }

    public string? HostKeySha256 { get; init; }

    /// <summary>Directory relative paths are resolved against (empty: the login directory).</summary>
    public string RootDirectory { get; init; } = "";

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);
}
