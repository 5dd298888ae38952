namespace Courier.Domain.Notifications;

/// <summary>What the notifier did. Notification failures never fail a run: they are reported here.</summary>
public sealed record NotificationResult
{
    public IReadOnlyList<string> Notified { get; init; } = [];

    public IReadOnlyList<string> RateLimited { get; init; } = [];

    public bool UsedFallbackText { get; init; }

    public int? WebhookStatus { get; init; }

    public IReadOnlyList<string> Errors { get; init; } = [];
}
