namespace Courier.Domain.Connectors.Email;

/// <summary>A file attached to an email, opened only when the message is sent.</summary>
public sealed record EmailAttachment(string FileName, string ContentType, Func<CancellationToken, Task<Stream>> OpenReadAsync);
