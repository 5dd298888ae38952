namespace Courier.Domain.Model;

/// <summary>What an email destination sends.</summary>
public sealed record EmailOptions
{
    public EmailDeliveryMode Mode { get; init; } = EmailDeliveryMode.Attach;

    /// <summary>Subject template (same tokens as file names).</summary>
    public string? Subject { get; init; }

    /// <summary>Body text; also the short text sent to SMS gateway addresses.</summary>
    public string? Message { get; init; }

    /// <summary>A file larger than this is not attached: the email carries a time-limited download link instead (default 10 MB).</summary>
    public long? MaxAttachmentBytes { get; init; }

    /// <summary>How long such a download link works (default 7 days).</summary>
    public TimeSpan? DownloadLinkValidity { get; init; }
}
