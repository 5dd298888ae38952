using Courier.Domain.Security;

namespace Courier.Functions.Http;

public sealed record ApiKeyResponse(string Id, string Name, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new ApiKeyResponse(key.Id, key.Name, ApiScopeNames.Of(key.Scope), key.CreatedAt, key.RevokedAt);
    }
}
