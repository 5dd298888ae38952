namespace Courier.Domain.Connectors.Email;

/// <summary>An SMTP server; authentication is used when a user name is given.</summary>
public sealed record SmtpSettings(string Host, int Port)
{
    public SmtpSecurity Security { get; init; } = SmtpSecurity.Auto;

    public string? Username { get; init; }

    public Secret? Password { get; init; }

    /// <summary>SHA-256 thumbprint (hex) of a self-signed relay's certificate to accept.</summary>
    public string? CertificateSha256 { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}
