using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Email;

namespace Courier.Domain.Notifications;

/// <summary>
/// Tells each outcome's recipients how a run went: a templated email with the run log attached and an
/// excerpt (first and last lines) in the body, and, when the rule says so, the run's produced files
/// attached (or linked when too large, see <see cref="ProducedFiles"/>); a plain-text fallback with the
/// same attachments when the template fails to render;
/// SMS-gateway recipients get a short plain text only; an optional JSON webhook; a per task+recipient
/// rate limit. Failures are collected in the result: a notification never fails the run.
/// </summary>
public sealed class RunNotifier(IEmailSender sender, INotificationRateLimiter rateLimiter, HttpClient http, TimeProvider timeProvider)
{
    public async Task<NotificationResult> NotifyAsync(
        TaskNotifications settings,
        RunSummary run,
        Func<CancellationToken, Task<Stream>>? openLog,
        IReadOnlyList<DeliveryFile> files,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<string>();
        var notified = new List<string>();
        var limited = new List<string>();
        var usedFallback = false;
        var excerpt = "";
        if (openLog is not null)
        {
            await using var log = await openLog(cancellationToken);
            excerpt = await LogExcerpt.ReadAsync(log, settings.ExcerptLines, cancellationToken);
        }
        var variables = Variables(run, excerpt);

        foreach (var rule in settings.Rules.Where(r => r.On == run.Outcome))
        {
            var allowed = new List<string>();
            foreach (var recipient in rule.Recipients.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (await rateLimiter.TryAcquireAsync(settings.TaskId, recipient, settings.RateLimit, cancellationToken))
                {
                    allowed.Add(recipient);
                }
                else
                {
                    limited.Add(recipient);
                }
            }
            var mail = allowed.Where(a => !SmsGateway.IsSmsAddress(a)).ToList();
            var phones = allowed.Where(SmsGateway.IsSmsAddress).ToList();

            if (mail.Count > 0)
            {
                var produced = ProducedFiles.For(rule, files, timeProvider);
                errors.AddRange(produced.Problems);
                OutgoingEmail email;
                try
                {
                    email = new OutgoingEmail(mail, MessageTemplate.Render(rule.Subject, variables, html: false))
                    {
                        Html = MessageTemplate.Render(rule.Body, variables, html: true) + string.Concat(produced.Links.Select(l => l.ToHtml())),
                    };
                }
                catch (TemplateException e)
                {
                    usedFallback = true;
                    errors.Add($"The {run.Outcome} notification template failed, plain text sent instead: {e.Message}");
                    email = new OutgoingEmail(mail, FallbackSubject(run)) { Text = FallbackText(run, excerpt, produced.Links) };
                }
                var attachments = new List<EmailAttachment>();
                if (rule.AttachLog && openLog is not null)
                {
                    attachments.Add(new EmailAttachment($"{run.RunId}.log", "text/plain", openLog));
                }
                attachments.AddRange(produced.Attachments);
                email = email with { Attachments = attachments };
                await SendAsync(settings, email, notified, errors, cancellationToken);
            }
            foreach (var phone in phones)
            {
                var text = new OutgoingEmail([phone], FallbackSubject(run)) { Text = ShortText(run) };
                await SendAsync(settings, text, notified, errors, cancellationToken);
            }
        }

        int? webhookStatus = null;
        if (settings.WebhookUrl is not null)
        {
            try
            {
                using var post = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = JsonContent.Create(Payload(run)) };
                if (settings.WebhookToken is not null)
                {
                    post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.WebhookToken.Reveal());
                }
                using var response = await http.SendAsync(post, cancellationToken);
                webhookStatus = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode)
                {
                    errors.Add($"The webhook at {settings.WebhookUrl.Host} answered {webhookStatus}.");
                }
            }
            catch (HttpRequestException e)
            {
                errors.Add($"The webhook at {settings.WebhookUrl.Host} could not be reached ({e.HttpRequestError}).");
            }
        }
        return new NotificationResult { Notified = notified, RateLimited = limited, UsedFallbackText = usedFallback, WebhookStatus = webhookStatus, Errors = errors };
    }

    private async Task SendAsync(TaskNotifications settings, OutgoingEmail email, List<string> notified, List<string> errors, CancellationToken cancellationToken)
    {
        if (settings.Transport is null)
        {
            errors.Add($"No email connection is configured to notify {string.Join(", ", email.To)}.");
            return;
        }
        try
        {
            await sender.SendAsync(settings.Transport, email, cancellationToken);
            notified.AddRange(email.To);
        }
        catch (ConnectorException e)
        {
            errors.Add(e.Message);
        }
    }

    private static Dictionary<string, object?> Variables(RunSummary run, string excerpt) => new(StringComparer.Ordinal)
    {
        ["task_id"] = run.TaskId,
        ["task_name"] = run.TaskName,
        ["run_id"] = run.RunId,
        ["outcome"] = run.Outcome.ToString(),
        ["started_at"] = run.StartedAt.ToString("u", CultureInfo.InvariantCulture),
        ["completed_at"] = run.CompletedAt.ToString("u", CultureInfo.InvariantCulture),
        ["files"] = run.Files,
        ["row_count"] = run.RowCount,
        ["error"] = run.Error,
        ["log_excerpt"] = excerpt,
    };

    private static string FallbackSubject(RunSummary run) => $"[{run.Outcome}] {run.TaskName}";

    private static string ShortText(RunSummary run) =>
        $"{run.TaskName}: {run.Outcome} at {run.CompletedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";

    private static string FallbackText(RunSummary run, string excerpt, IReadOnlyList<DownloadLink> links)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{run.TaskName} finished with {run.Outcome} at {run.CompletedAt:u} (run {run.RunId}).");
        if (run.Error is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Error: {run.Error}");
        }
        foreach (var link in links)
        {
            text.AppendLine(link.ToText());
        }
        return text.AppendLine().AppendLine(excerpt).ToString();
    }

    private static object Payload(RunSummary run) => new
    {
        taskId = run.TaskId,
        taskName = run.TaskName,
        runId = run.RunId,
        status = run.Outcome.ToString(),
        startedAt = run.StartedAt,
        completedAt = run.CompletedAt,
        files = run.Files,
        rowCount = run.RowCount,
        error = run.Error,
    };
}
