namespace Courier.Destinations.Tests;

/// <summary>A message as the receiving side saw it (maildev, or the SendGrid stand-in), for transport-neutral assertions.</summary>
public sealed record CapturedEmail(string Subject, IReadOnlyList<string> To, IReadOnlyList<string> Cc, IReadOnlyList<string> Bcc, string? Text, string? Html)
{
    public IReadOnlyList<CapturedAttachment> Attachments { get; init; } = [];
}
