namespace Courier.Domain.Security;

/// <summary>A key just created: the only moment its plaintext <see cref="Secret"/> exists outside the caller.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);
