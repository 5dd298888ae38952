using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Courier.Domain.Connectors.Email;

/// <summary>SMTP through MailKit. Attachments are streamed from their source while the message is sent.</summary>
internal static class SmtpEmailSender
{
    public static async Task SendAsync(EmailTransport transport, OutgoingEmail email, CancellationToken cancellationToken)
    {
        var settings = transport.Smtp!;
        var endpoint = transport.Endpoint;
        var streams = new List<Stream>();
        try
        {
            var message = await BuildAsync(transport, email, streams, cancellationToken);
            using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
            if (settings.CertificateSha256 is { } pin)
            {
                client.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == System.Net.Security.SslPolicyErrors.None
                    || (certificate is not null && string.Equals(
                        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.GetRawCertData())),
                        pin.Replace(":", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
            }
            await Step(endpoint, "connect", () => client.ConnectAsync(settings.Host, settings.Port, Map(settings.Security), cancellationToken));
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await Step(endpoint, "authenticate", () => client.AuthenticateAsync(settings.Username, settings.Password?.Reveal() ?? "", cancellationToken),
                    $"authentication as '{settings.Username}' was refused");
            }
            await Step(endpoint, "send", () => client.SendAsync(message, cancellationToken));
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static async Task<MimeMessage> BuildAsync(EmailTransport transport, OutgoingEmail email, List<Stream> streams, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = email.Subject };
        message.From.Add(new MailboxAddress(transport.FromName ?? "", transport.From));
        message.To.AddRange(email.To.Select(MailboxAddress.Parse));
        message.Cc.AddRange(email.Cc.Select(MailboxAddress.Parse));
        message.Bcc.AddRange(email.Bcc.Select(MailboxAddress.Parse));
        if (email.DeliveryKey is not null)
        {
            message.Headers.Add("X-Courier-Delivery", email.DeliveryKey);
            // The same delivery always has the same Message-ID, so a resend after a crash mid-send is one message to mail clients.
            var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email.DeliveryKey));
            message.MessageId = $"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}@courier.delivery";
        }
        var body = new BodyBuilder { HtmlBody = email.Html, TextBody = email.Text };
        foreach (var attachment in email.Attachments)
        {
            var stream = await attachment.OpenReadAsync(cancellationToken);
            streams.Add(stream);
            body.Attachments.Add(new MimePart(ContentType.Parse(attachment.ContentType))
            {
                Content = new MimeContent(stream),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = attachment.FileName,
            });
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    private static async Task Step(RemoteEndpoint endpoint, string operation, Func<Task> action, string? authenticationReason = null)
    {
        try
        {
            await action();
        }
        catch (AuthenticationException e)
        {
            throw new ConnectorException(endpoint, operation, "", authenticationReason ?? e.Message, e);
        }
        catch (SmtpCommandException e)
        {
            throw new ConnectorException(endpoint, operation, "", $"{(int)e.StatusCode} {e.Message}", e);
        }
        catch (SocketException e)
        {
            throw new ConnectorException(endpoint, operation, "", $"cannot connect ({e.SocketErrorCode})", e);
        }
        catch (Exception e) when (e is IOException or ProtocolException or SslHandshakeException or TimeoutException)
        {
            throw new ConnectorException(endpoint, operation, "", e.Message, e);
        }
    }

    private static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
