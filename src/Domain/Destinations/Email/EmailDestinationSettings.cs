using Courier.Domain.Connectors.Email;

namespace Courier.Domain.Destinations.Email;

/// <summary>
/// An email destination. To/Cc/Bcc hold addresses or "group:Name" entries (expanded by
/// <see cref="IRecipientDirectory"/>). Subject, body and SMS text are Liquid templates over the run's variables
/// plus file_name, file_size, run_id and download_link.
/// </summary>
public sealed record EmailDestinationSettings(EmailTransport Transport) : DestinationSettings
{
    public override string Kind => EmailDestination.KindName;

    public IReadOnlyList<string> To { get; init; } = [];

    public IReadOnlyList<string> Cc { get; init; } = [];

    public IReadOnlyList<string> Bcc { get; init; } = [];

    public string Subject { get; init; } = "{{ file_name }}";

    public string Body { get; init; } = "<p>{{ file_name }} is attached.</p>";

    public EmailFileMode FileMode { get; init; } = EmailFileMode.Attach;

    /// <summary>Larger files are not attached: the email carries a time-limited download link instead.</summary>
    public long MaxAttachmentBytes { get; init; } = 10 * 1024 * 1024;

    public TimeSpan DownloadLinkValidity { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The short plain text SMS-gateway recipients (digits@gateway) receive; a default when null.</summary>
    public string? SmsMessage { get; init; }
}
