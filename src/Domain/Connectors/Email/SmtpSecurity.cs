namespace Courier.Domain.Connectors.Email;

/// <summary>How the SMTP connection is secured (MailKit's SecureSocketOptions, named for users).</summary>
public enum SmtpSecurity
{
    None,
    StartTls,
    StartTlsWhenAvailable,
    SslOnConnect,
    Auto,
}
