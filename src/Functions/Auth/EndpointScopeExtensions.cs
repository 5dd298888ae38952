using Courier.Domain.Security;

namespace Courier.Functions.Auth;

public static class EndpointScopeExtensions
{
    /// <summary>The route (or group) needs an API key whose scope satisfies <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, ApiScope scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .WithMetadata(new RequiredScopeMetadata(scope))
            .RequireAuthorization(ScopeGrants.PolicyName(scope));
}
