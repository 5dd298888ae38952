namespace Courier.Functions.Http;

/// <summary>The answer to creating a key: the only response that ever carries <see cref="Key"/>.</summary>
public sealed record CreatedApiKeyResponse(string Id, string Name, string Scope, DateTimeOffset CreatedAt, string Key);
