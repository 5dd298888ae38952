namespace Courier.Domain.Notifications;

/// <summary>Who is told about one outcome, and how. Subject and body are Liquid templates over the run summary.</summary>
public sealed record NotificationRule(RunOutcome On, IReadOnlyList<string> Recipients)
{
    public string Subject { get; init; } = "[{{ outcome }}] {{ task_name }}";

    public string Body { get; init; } =
        "<p>{{ task_name }} finished with <b>{{ outcome }}</b> at {{ completed_at }} (run {{ run_id }}).</p>" +
        "{% if error %}<p>Error: {{ error }}</p>{% endif %}<pre>{{ log_excerpt }}</pre>";

    public bool AttachLog { get; init; } = true;

    /// <summary>Attach the run's produced files (streamed from storage when the message is sent).</summary>
    public bool AttachFiles { get; init; }

    /// <summary>Produced files larger than this together are not attached: the message lists time-limited download links instead (the email destination's default).</summary>
    public long MaxAttachmentBytes { get; init; } = 10 * 1024 * 1024;

    public TimeSpan DownloadLinkValidity { get; init; } = TimeSpan.FromDays(7);
}
