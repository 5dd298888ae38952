namespace Courier.Domain.Notifications;

/// <summary>Per task + recipient rate limit for notifications.</summary>
public interface INotificationRateLimiter
{
    /// <summary>True (and the send is recorded) when the recipient has not been notified for this task within <paramref name="window"/>.</summary>
    Task<bool> TryAcquireAsync(string taskId, string recipient, TimeSpan window, CancellationToken cancellationToken);
}
