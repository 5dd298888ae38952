using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Email;

namespace Courier.Domain.Notifications;

/// <summary>
/// A task's notification settings: rules per outcome, optional JSON webhook, per-recipient rate limit.
/// <paramref name="Transport"/> may be null when there are no email rules (a webhook alone).
/// </summary>
public sealed record TaskNotifications(string TaskId, EmailTransport? Transport)
{
    public IReadOnlyList<NotificationRule> Rules { get; init; } = [];

    /// <summary>Receives a JSON POST of the run summary for every outcome.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Sent as a bearer token with the webhook POST (from the notification's http connection).</summary>
    public Secret? WebhookToken { get; init; }

    /// <summary>At most one notification per task and recipient within this window (zero: no limit).</summary>
    public TimeSpan RateLimit { get; init; }

    /// <summary>Lines from the start and from the end of the log quoted in the body.</summary>
    public int ExcerptLines { get; init; } = 10;
}
