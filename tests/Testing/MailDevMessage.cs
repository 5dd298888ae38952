namespace Courier.Testing;

/// <summary>One message as maildev's <c>GET /api/email</c> returns it (the fields tests check).</summary>
public sealed record MailDevMessage(
    string Id,
    string? Subject,
    IReadOnlyList<MailDevAddress>? From,
    IReadOnlyList<MailDevAddress>? To,
    IReadOnlyList<MailDevAddress>? Cc,
    IReadOnlyList<MailDevAddress>? Bcc,
    string? Text,
    string? Html,
    IReadOnlyList<MailDevAttachment>? Attachments)
{
    public IReadOnlyList<MailDevAddress> FromList => From ?? [];

    public IReadOnlyList<MailDevAddress> ToList => To ?? [];

    public IReadOnlyList<MailDevAddress> CcList => Cc ?? [];

    public IReadOnlyList<MailDevAddress> BccList => Bcc ?? [];

    public IReadOnlyList<MailDevAttachment> AttachmentList => Attachments ?? [];
}
