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
    IReadOnlyList<MailDevAttachment>? Attachments,
    IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Headers = null)
{
    public IReadOnlyList<MailDevAddress> FromList => From ?? [];

    public IReadOnlyList<MailDevAddress> ToList => To ?? [];

    public IReadOnlyList<MailDevAddress> CcList => Cc ?? [];

    public IReadOnlyList<MailDevAddress> BccList => Bcc ?? [];

    public IReadOnlyList<MailDevAttachment> AttachmentList => Attachments ?? [];

    /// <summary>The Message-ID header as the server received it (maildev keeps header names lower-case).</summary>
    public string? MessageId =>
        Headers?.FirstOrDefault(h => string.Equals(h.Key, "message-id", StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: System.Text.Json.JsonValueKind.String } id
            ? id.GetString()
            : null;
}
