namespace Courier.Domain.Sources.Ssh;

/// <summary>
/// A command to run over SSH: key or password auth and the server's pinned SHA-256 host-key
/// fingerprint (base64, with or without "SHA256:"); a server presenting another key is refused.
/// </summary>
/// <param name="CaptureOutput">True: standard output is the data. False: only the exit code matters.</param>
public sealed record SshCommandRequest(
    string Host,
    string Username,
    string HostKeySha256,
    string Command,
    int Port = 22,
    string? Password = null,
    string? PrivateKey = null,
    string? PrivateKeyPassphrase = null,
    int? TimeoutSeconds = null,
    bool CaptureOutput = true)
{
    /// <summary>Never shows the password, key or command (which may hold secrets of its own).</summary>
    public override string ToString() => $"ssh {Username}@{Host}:{Port}";
}
