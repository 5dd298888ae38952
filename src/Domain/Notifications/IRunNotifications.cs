using Courier.Domain.Model;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Notifications;

/// <summary>
/// Sends a finished run's notifications as the task defines them (its <c>Notifications</c>: outcome,
/// recipients and groups resolved to addresses, connection and secrets resolved, the run log attached).
/// A notification never fails the run: problems are returned and logged.
/// </summary>
public interface IRunNotifications
{
    Task<NotificationResult> NotifyAsync(TaskDefinition task, RunSummary run, Func<CancellationToken, Task<Stream>>? openLog, ILogger runLog, CancellationToken cancellationToken);
}
