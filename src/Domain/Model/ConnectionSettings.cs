namespace Courier.Domain.Model;

/// <summary>
/// The non-secret settings of a connection; which ones apply depends on the kind (the validator
/// says which are required). Secrets live in <see cref="ConnectionSecrets"/>.
/// </summary>
public sealed record ConnectionSettings
{
    /// <summary>Host name or IP (databases, sftp, ftp, smb, ssh, smtp).</summary>
    public string? Host { get; init; }

    public int? Port { get; init; }

    /// <summary>Database name, or the file path for sqlite.</summary>
    public string? Database { get; init; }

    public string? Username { get; init; }

    /// <summary>smb: share name.</summary>
    public string? Share { get; init; }

    /// <summary>smb: workgroup or domain.</summary>
    public string? Domain { get; init; }

    /// <summary>Base folder on file servers; blob: container name.</summary>
    public string? Path { get; init; }

    /// <summary>http, sendGrid (API base), blob (service address).</summary>
    public string? BaseAddress { get; init; }

    /// <summary>
    /// http: the header that carries the token. Empty or <c>Authorization</c>: <c>Authorization: Bearer …</c>
    /// (GitHub, most APIs); another name sends the bare token in it, e.g. <c>PRIVATE-TOKEN</c> for GitLab.
    /// </summary>
    public string? TokenHeader { get; init; }

    /// <summary>ftp: explicit FTPS; smtp: STARTTLS; databases: encrypt.</summary>
    public bool UseTls { get; init; }

    /// <summary>sftp/ssh: expected host key fingerprint (SHA256:…); null trusts on first use is refused.</summary>
    public string? HostKeyFingerprint { get; init; }

    /// <summary>smtp/sendGrid: the sender address.</summary>
    public string? FromAddress { get; init; }

    /// <summary>Default timeout for queries and commands, in seconds.</summary>
    public int? TimeoutSeconds { get; init; }
}
