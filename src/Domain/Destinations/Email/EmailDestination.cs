using System.Net;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Delivery;

namespace Courier.Domain.Destinations.Email;

/// <summary>
/// Emails the file to its recipients (SMTP or SendGrid): attached, embedded, or as a time-limited link
/// when too large. SMS-gateway recipients get a short plain text instead. In test mode every message
/// goes to the test address, one per original recipient, subject prefixed with that recipient, no CC/BCC.
/// Each message is claimed in the send log before it is sent, so a re-executed delivery sends nothing twice.
/// </summary>
public sealed class EmailDestination(IEmailSender sender, IEmailSendLog sendLog, IRecipientDirectory recipients, TimeProvider timeProvider) : IDestination
{
    public const string KindName = "email";

    public string Kind => KindName;

    public async Task<DeliveryReceipt> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (request.Settings is not EmailDestinationSettings settings)
        {
            throw new ArgumentException($"{nameof(EmailDestination)} needs {nameof(EmailDestinationSettings)}.", nameof(request));
        }
        var file = request.File;
        var endpoint = settings.Transport.Endpoint;
        if (settings.SkipEmptyFile && file.IsEmpty)
        {
            return Receipt(settings, endpoint, 0, DeliveryOutcome.SkippedEmpty, []);
        }

        var to = await recipients.ExpandAsync(settings.To, cancellationToken);
        var cc = await recipients.ExpandAsync(settings.Cc, cancellationToken);
        var bcc = await recipients.ExpandAsync(settings.Bcc, cancellationToken);
        var variables = Variables(request);
        var content = await ComposeAsync(settings, file, variables, endpoint, cancellationToken);
        var sms = Render(settings, endpoint, settings.SmsMessage ?? SmsGateway.DefaultMessage, variables, html: false);

        var plan = new List<(string Key, OutgoingEmail Email)>();
        if (request.TestModeAddress is { } testAddress)
        {
            // Qalyptus test mode: one message per original recipient, to the test address only.
            foreach (var recipient in to)
            {
                var subject = $"[{recipient}] {content.Subject}";
                plan.Add(($"test:{recipient}", SmsGateway.IsSmsAddress(recipient)
                    ? new OutgoingEmail([testAddress], subject) { Text = sms }
                    : content with { To = [testAddress], Subject = subject }));
            }
        }
        else
        {
            var mailTo = to.Where(a => !SmsGateway.IsSmsAddress(a)).ToList();
            var mailCc = cc.Where(a => !SmsGateway.IsSmsAddress(a)).ToList();
            var mailBcc = bcc.Where(a => !SmsGateway.IsSmsAddress(a)).ToList();
            if (mailTo.Count + mailCc.Count + mailBcc.Count > 0)
            {
                plan.Add(("main", content with { To = mailTo, Cc = mailCc, Bcc = mailBcc }));
            }
            foreach (var phone in to.Concat(cc).Concat(bcc).Where(SmsGateway.IsSmsAddress).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                plan.Add(($"sms:{phone}", new OutgoingEmail([phone], content.Subject) { Text = sms }));
            }
        }
        if (plan.Count == 0)
        {
            throw new DeliveryException(Kind, settings.DisplayName, endpoint.ToString(), "prepare", "the email has no recipients");
        }

        var sent = new List<string>();
        foreach (var (key, email) in plan)
        {
            if (!await sendLog.TryClaimAsync(request.IdempotencyKey, key, cancellationToken))
            {
                continue;
            }
            try
            {
                await sender.SendAsync(settings.Transport, email with { DeliveryKey = $"{request.IdempotencyKey}/{key}" }, cancellationToken);
            }
            catch (ConnectorException e)
            {
                // Nothing went out: release the claim so a retry can send this message.
                await sendLog.ReleaseAsync(request.IdempotencyKey, key, CancellationToken.None);
                throw DeliveryException.From(settings, e);
            }
            await sendLog.MarkSentAsync(request.IdempotencyKey, key, CancellationToken.None);
            sent.AddRange(email.To.Concat(email.Cc).Concat(email.Bcc));
        }
        var bytes = content.Attachments.Count > 0 ? file.Length : 0;
        return sent.Count == 0
            ? Receipt(settings, endpoint, 0, DeliveryOutcome.AlreadyDelivered, [])
            : Receipt(settings, endpoint, bytes, DeliveryOutcome.Delivered, sent);
    }

    private async Task<OutgoingEmail> ComposeAsync(
        EmailDestinationSettings settings, DeliveryFile file, Dictionary<string, object?> variables, RemoteEndpoint endpoint, CancellationToken cancellationToken)
    {
        var tooLarge = file.Length > settings.MaxAttachmentBytes && settings.FileMode != EmailFileMode.None;
        string? linkNote = null;
        if (tooLarge)
        {
            var link = DownloadLink.For(file, settings.DownloadLinkValidity, timeProvider)
                ?? throw new DeliveryException(Kind, settings.DisplayName, endpoint.ToString(), "prepare",
                    $"'{file.Name}' ({file.Length} bytes) is larger than the {settings.MaxAttachmentBytes}-byte limit and cannot be linked to");
            variables["download_link"] = link.Address.ToString();
            linkNote = link.ToHtml();
        }

        var subject = Render(settings, endpoint, settings.Subject, variables, html: false);
        var html = Render(settings, endpoint, settings.Body, variables, html: true) + linkNote;
        var attachments = new List<EmailAttachment>();
        if (!tooLarge && settings.FileMode == EmailFileMode.Attach)
        {
            attachments.Add(new EmailAttachment(file.Name, file.ContentType, file.OpenReadAsync));
        }
        else if (!tooLarge && settings.FileMode == EmailFileMode.Embed)
        {
            html += await EmbedAsync(file, cancellationToken);
        }
        return new OutgoingEmail([], subject) { Html = html, Attachments = attachments };
    }

    private static async Task<string> EmbedAsync(DeliveryFile file, CancellationToken cancellationToken)
    {
        await using var stream = await file.OpenReadAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return file.ContentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase)
            ? text
            : $"<pre>{WebUtility.HtmlEncode(text)}</pre>";
    }

    private string Render(EmailDestinationSettings settings, RemoteEndpoint endpoint, string template, IReadOnlyDictionary<string, object?> variables, bool html)
    {
        try
        {
            return MessageTemplate.Render(template, variables, html);
        }
        catch (TemplateException e)
        {
            throw new DeliveryException(Kind, settings.DisplayName, endpoint.ToString(), "render template", e.Message, e);
        }
    }

    private static Dictionary<string, object?> Variables(DeliveryRequest request) =>
        new(request.Variables, StringComparer.Ordinal)
        {
            ["file_name"] = request.File.Name,
            ["file_size"] = request.File.Length,
            ["run_id"] = request.RunId,
        };

    private DeliveryReceipt Receipt(EmailDestinationSettings settings, RemoteEndpoint endpoint, long bytes, DeliveryOutcome outcome, IReadOnlyList<string> sentTo) =>
        new(Kind, settings.DisplayName, endpoint.ToString(), bytes, timeProvider.GetUtcNow(), outcome) { Recipients = sentTo };
}
