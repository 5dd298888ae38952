namespace Courier.Domain.Connectors.Smb;

/// <summary>An SMB share: server, share name, credentials and an optional directory inside the share.</summary>
public sealed record SmbSettings(string Host, string Share, string Username)
{
    public int Port { get; init; } = 445;

    public Secret? Password { get; init; }

    /// <summary>The account's domain or workgroup; empty lets the server use its own.</summary>
    public string Workgroup { get; init; } = "";

    /// <summary>Directory inside the share that relative paths start from.</summary>
    public string RootDirectory { get; init; } = "";
}
