namespace Courier.Domain.Connectors.Email;

/// <summary>Which service sends mail: exactly one of SMTP or SendGrid, plus the sender address.</summary>
public sealed record EmailTransport(string From)
{
    public string? FromName { get; init; }

    public SmtpSettings? Smtp { get; init; }

    public SendGridSettings? SendGrid { get; init; }

    public RemoteEndpoint Endpoint =>
        Smtp is not null ? new RemoteEndpoint("smtp", Smtp.Host, Smtp.Port)
        : SendGrid is not null ? new RemoteEndpoint("sendgrid", new Uri(SendGrid.BaseUrl).Authority)
        : throw new InvalidOperationException("The email transport has neither SMTP nor SendGrid settings.");
}
