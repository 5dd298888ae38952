namespace Courier.Domain.Connectors.Ftp;

/// <summary>
/// An FTP or explicit-FTPS connection (always passive). The server certificate is checked by the system's
/// trust store, or pinned by its SHA-256 thumbprint (hex) for self-signed servers.
/// </summary>
public sealed record FtpSettings(string Host, string Username)
{
    public int Port { get; init; } = 21;

    public Secret? Password { get; init; }

    public FtpSecurity Security { get; init; } = FtpSecurity.None;

    /// <summary>SHA-256 thumbprint (hex) of the server certificate to accept even if the trust store does not.</summary>
    public string? CertificateSha256 { get; init; }

    /// <summary>Directory relative paths are resolved against (empty: the login directory).</summary>
    public string RootDirectory { get; init; } = "";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
