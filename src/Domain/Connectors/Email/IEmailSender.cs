namespace Courier.Domain.Connectors.Email;

/// <summary>Sends one message through SMTP or SendGrid; failures are <see cref="ConnectorException"/>s naming the server.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailTransport transport, OutgoingEmail email, CancellationToken cancellationToken);
}
