namespace Courier.Functions.Http;

/// <summary>Strings rather than an enum, so a wrong scope is a 400 that names the field.</summary>
public sealed record CreateApiKeyRequest(string? Name, string? Scope);
