namespace Courier.Domain.Sources.Locations;

/// <summary>
/// Where the text of a query, SSH command or script is kept: inline, a remote file (SFTP, FTP, SMB,
/// blob) or an HTTP(S) address. One small class per kind.
/// </summary>
public interface ICodeLocation
{
    /// <summary>
    /// Identifies the location for the cache and the run log: kind, host and path, never
    /// credentials. Two tasks reading the same file share one cache entry.
    /// </summary>
    string Key { get; }

    /// <summary>Whether fetched text is worth caching (inline text is not fetched).</summary>
    bool IsRemote { get; }

    /// <summary>Opens the text for reading.</summary>
    Task<Stream> OpenAsync(CancellationToken cancellationToken);
}
