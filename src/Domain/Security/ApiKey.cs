namespace Courier.Domain.Security;

/// <summary>A stored API key as the API may show it: never the key itself nor its hash.</summary>
public sealed record ApiKey(string Id, string Name, ApiScope Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
