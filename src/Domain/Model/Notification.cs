namespace Courier.Domain.Model;

/// <summary>A message sent when a run of the task ends with one of the given outcomes.</summary>
public sealed record Notification
{
    public NotificationChannel Channel { get; init; } = NotificationChannel.Email;

    public IReadOnlyList<RunOutcome> On { get; init; } = [RunOutcome.Error];

    /// <summary>Email: the smtp or sendGrid connection; webhook: an optional http connection (token).</summary>
    public Guid? ConnectionId { get; init; }

    public IReadOnlyList<Guid> RecipientIds { get; init; } = [];

    public IReadOnlyList<Guid> GroupIds { get; init; } = [];

    /// <summary>Webhook: the http(s) address that receives a JSON POST.</summary>
    public string? WebhookAddress { get; init; }

    /// <summary>Email: attach the run log.</summary>
    public bool AttachLog { get; init; } = true;

    /// <summary>
    /// Email: attach the run's produced files, streamed from Blob Storage. When together they pass
    /// <see cref="MaxAttachmentBytes"/> the message lists time-limited download links instead; SMS-gateway
    /// recipients never get files, and the plain-text fallback keeps them.
    /// </summary>
    public bool AttachFiles { get; init; }

    /// <summary>Email: the size the attached files may reach together (default 10 MB).</summary>
    public long? MaxAttachmentBytes { get; init; }

    /// <summary>Email: how long the download links sent instead of large files work (default 7 days).</summary>
    public TimeSpan? DownloadLinkValidity { get; init; }

    /// <summary>Email: at most one notification per task and recipient within this window (zero: no limit).</summary>
    public TimeSpan RateLimit { get; init; }

    public string? Subject { get; init; }

    public string? Message { get; init; }
}
