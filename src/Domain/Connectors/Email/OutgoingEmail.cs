namespace Courier.Domain.Connectors.Email;

/// <summary>One message, independent of the transport. Text-only messages (SMS gateways) leave <see cref="Html"/> null.</summary>
public sealed record OutgoingEmail(IReadOnlyList<string> To, string Subject)
{
    public IReadOnlyList<string> Cc { get; init; } = [];

    public IReadOnlyList<string> Bcc { get; init; } = [];

    public string? Html { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];

    /// <summary>Sent as a header so a message can be traced to its delivery (never a secret).</summary>
    public string? DeliveryKey { get; init; }
}
