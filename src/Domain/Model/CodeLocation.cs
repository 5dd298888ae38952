namespace Courier.Domain.Model;

/// <summary>Where the text of a query, SSH command or processing script comes from.</summary>
public sealed record CodeLocation
{
    public CodeLocationKind Kind { get; init; } = CodeLocationKind.Inline;

    /// <summary>The text itself when <see cref="Kind"/> is inline.</summary>
    public string? Text { get; init; }

    /// <summary>Connection to fetch it from (sftp/ftp/smb/blob; an http connection holds a token for web).</summary>
    public Guid? ConnectionId { get; init; }

    /// <summary>Remote path, blob name, or the http(s) address for <see cref="CodeLocationKind.Web"/>.</summary>
    public string? Path { get; init; }

    /// <summary>Keep the last fetched text and use it when a later fetch fails.</summary>
    public bool CacheOnSuccess { get; init; }
}
