namespace Courier.Domain.Connectors.Email;

/// <summary>SendGrid's v3 API. <see cref="BaseUrl"/> is configurable so tests (and regional endpoints) can point elsewhere.</summary>
public sealed record SendGridSettings(Secret ApiKey)
{
    public string BaseUrl { get; init; } = "https://api.sendgrid.com";
}
