using System.Net;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Courier.Domain.Connectors.Email;

/// <summary>
/// SendGrid's official client with its host set from settings. The v3 API takes attachments as base64
/// inside the JSON body, so attachments are read whole here; the size limit keeps that bounded.
/// </summary>
internal sealed class SendGridEmailSender(HttpClient? httpClient)
{
    public async Task SendAsync(EmailTransport transport, OutgoingEmail email, CancellationToken cancellationToken)
    {
        var settings = transport.SendGrid!;
        var endpoint = transport.Endpoint;
        var options = new SendGridClientOptions { ApiKey = settings.ApiKey.Reveal(), Host = settings.BaseUrl.TrimEnd('/') };
        var client = httpClient is null ? new SendGridClient(options) : new SendGridClient(httpClient, options);

        var message = new SendGridMessage
        {
            From = new EmailAddress(transport.From, transport.FromName),
            Subject = email.Subject,
            HtmlContent = email.Html,
            PlainTextContent = email.Text,
        };
        message.AddTos(email.To.Select(a => new EmailAddress(a)).ToList());
        if (email.Cc.Count > 0)
        {
            message.AddCcs(email.Cc.Select(a => new EmailAddress(a)).ToList());
        }
        if (email.Bcc.Count > 0)
        {
            message.AddBccs(email.Bcc.Select(a => new EmailAddress(a)).ToList());
        }
        if (email.DeliveryKey is not null)
        {
            message.AddHeader("X-Courier-Delivery", email.DeliveryKey);
        }
        foreach (var attachment in email.Attachments)
        {
            await using var stream = await attachment.OpenReadAsync(cancellationToken);
            await message.AddAttachmentAsync(attachment.FileName, stream, attachment.ContentType, cancellationToken: cancellationToken);
        }

        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ConnectorException(endpoint, "send", "", $"cannot reach the API ({e.HttpRequestError})", e);
        }
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Body.ReadAsStringAsync(cancellationToken);
            throw new ConnectorException(endpoint, "send", "",
                $"the API answered {(int)response.StatusCode} {response.StatusCode}{(response.StatusCode == HttpStatusCode.Unauthorized ? " (check the API key)" : "")}: {Truncate(detail)}");
        }
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] : text;
}
