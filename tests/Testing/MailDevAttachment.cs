namespace Courier.Testing;

/// <summary>An attachment in a maildev message; download it by <see cref="GeneratedFileName"/>, not the original name.</summary>
public sealed record MailDevAttachment(string? FileName, string GeneratedFileName, string? ContentType, long Size);
