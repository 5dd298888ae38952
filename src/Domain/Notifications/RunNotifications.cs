using Azure;
using Courier.Domain.Connectors;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Model;
using Courier.Domain.Secrets;
using Courier.Domain.Storage;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Notifications;

/// <summary>
/// A task's <c>Notifications</c> for a finished run: each one whose outcomes include the run's becomes
/// <see cref="TaskNotifications"/> (recipients and groups as addresses, connection and secrets read now)
/// and goes through <see cref="RunNotifier"/>. The run's stored files are opened (not read) once when an
/// email notification attaches them. Nothing here throws for a notification problem: it is returned in the
/// result and written to the run log.
/// </summary>
public sealed partial class RunNotifications(ConnectionRepository connections, RecipientAddresses recipients, StoredRunFiles storedFiles, RunNotifier notifier)
    : IRunNotifications
{
    public async Task<NotificationResult> NotifyAsync(
        TaskDefinition task, RunSummary run, Func<CancellationToken, Task<Stream>>? openLog, ILogger runLog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(runLog);
        var outcome = ToModel(run.Outcome);
        var results = new List<NotificationResult>();
        var errors = new List<string>();
        var attachesFiles = task.Notifications.Any(n => n.Channel == NotificationChannel.Email && n.AttachFiles && n.On.Contains(outcome));
        var files = attachesFiles ? await OpenFilesAsync(run, errors, cancellationToken) : [];
        for (var i = 0; i < task.Notifications.Count; i++)
        {
            var notification = task.Notifications[i];
            if (!notification.On.Contains(outcome))
            {
                continue;
            }
            try
            {
                var settings = await SettingsAsync(task, notification, run.Outcome, cancellationToken);
                var log = notification.Channel == NotificationChannel.Email ? openLog : null;
                results.Add(await notifier.NotifyAsync(settings, run, log, files, cancellationToken));
            }
            catch (Exception e) when (e is ArgumentException or KeyNotFoundException or NotFoundException or SecretUnavailableException or UriFormatException)
            {
                errors.Add($"Notification {i + 1} ({notification.Channel}) was not sent: {e.Message}");
            }
        }

        var result = new NotificationResult
        {
            Notified = results.SelectMany(r => r.Notified).ToList(),
            RateLimited = results.SelectMany(r => r.RateLimited).ToList(),
            UsedFallbackText = results.Any(r => r.UsedFallbackText),
            WebhookStatus = results.Select(r => r.WebhookStatus).LastOrDefault(s => s is not null),
            Errors = [.. errors, .. results.SelectMany(r => r.Errors)],
        };
        if (result.Notified.Count > 0)
        {
            LogNotified(runLog, run.Outcome, string.Join(", ", result.Notified));
        }
        foreach (var error in result.Errors)
        {
            LogProblem(runLog, error);
        }
        return result;
    }

    private async Task<TaskNotifications> SettingsAsync(TaskDefinition task, Notification notification, RunOutcome outcome, CancellationToken cancellationToken)
    {
        var connection = notification.ConnectionId is { } id
            ? (await connections.GetAsync(id, cancellationToken))?.Value ?? throw new KeyNotFoundException($"Connection {id} no longer exists.")
            : null;
        if (notification.Channel == NotificationChannel.Webhook)
        {
            var address = notification.WebhookAddress ?? throw new ArgumentException("The webhook has no address.", nameof(notification));
            return new TaskNotifications(task.Id.ToString("D"), null)
            {
                WebhookUrl = new Uri(address, UriKind.Absolute),
                WebhookToken = connection?.Secrets.Token is { } token ? new Secret(token) : null,
            };
        }

        var transport = ConnectorSettings.Email(connection ?? throw new ArgumentException("An email notification needs an smtp or sendGrid connection.", nameof(notification)));
        var rule = new NotificationRule(outcome, await recipients.AddressesAsync(notification.RecipientIds, notification.GroupIds, cancellationToken))
        {
            AttachLog = notification.AttachLog,
            AttachFiles = notification.AttachFiles,
        };
        if (notification.MaxAttachmentBytes is { } limit)
        {
            rule = rule with { MaxAttachmentBytes = limit };
        }
        if (notification.DownloadLinkValidity is { } validity)
        {
            rule = rule with { DownloadLinkValidity = validity };
        }
        if (notification.Subject is { } subject)
        {
            rule = rule with { Subject = subject };
        }
        if (notification.Message is { } message)
        {
            // The user's message replaces the standard text; the log excerpt stays.
            rule = rule with { Body = $"<p>{message.ReplaceLineEndings("<br>")}</p><pre>{{{{ log_excerpt }}}}</pre>" };
        }
        return new TaskNotifications(task.Id.ToString("D"), transport) { Rules = [rule], RateLimit = notification.RateLimit };
    }

    /// <summary>The run's files that can be read; one that cannot is named in the errors and the notification goes without it.</summary>
    private async Task<IReadOnlyList<DeliveryFile>> OpenFilesAsync(RunSummary run, List<string> errors, CancellationToken cancellationToken)
    {
        var files = new List<DeliveryFile>();
        foreach (var stored in run.StoredFiles)
        {
            try
            {
                files.Add(await storedFiles.OpenAsync(stored, cancellationToken));
            }
            catch (Exception e) when (e is ArgumentException or RequestFailedException)
            {
                var reason = e is RequestFailedException failed ? $"{failed.Status} {failed.ErrorCode}" : e.Message;
                errors.Add($"'{stored.Name}' could not be read from storage at {storedFiles.Host} to attach to the notification ({reason}).");
            }
        }
        return files;
    }

    private static Model.RunOutcome ToModel(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Success => Model.RunOutcome.Success,
        RunOutcome.Warning => Model.RunOutcome.Warning,
        _ => Model.RunOutcome.Error,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{Outcome} notification sent to {Recipients}")]
    private static partial void LogNotified(ILogger logger, RunOutcome outcome, string recipients);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification problem: {Problem}")]
    private static partial void LogProblem(ILogger logger, string problem);
}
