namespace Courier.Domain.Model;

/// <summary>How a notification is sent.</summary>
public enum NotificationChannel
{
    Email,

    /// <summary>A JSON POST to an address (Teams, Slack, Rundeck-style webhooks).</summary>
    Webhook,
}
