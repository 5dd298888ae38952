namespace Courier.Domain.Connectors.Email;

/// <summary>Picks the transport named by the settings.</summary>
public sealed class EmailSender(HttpClient? httpClient = null) : IEmailSender
{
    private readonly SendGridEmailSender _sendGrid = new(httpClient);

    public Task SendAsync(EmailTransport transport, OutgoingEmail email, CancellationToken cancellationToken) =>
        transport.Smtp is not null ? SmtpEmailSender.SendAsync(transport, email, cancellationToken)
        : transport.SendGrid is not null ? _sendGrid.SendAsync(transport, email, cancellationToken)
        : throw new ArgumentException("The email transport has neither SMTP nor SendGrid settings.", nameof(transport));
}
