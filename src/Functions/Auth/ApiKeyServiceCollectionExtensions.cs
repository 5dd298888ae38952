using Azure.Data.Tables;
using Courier.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Courier.Functions.Auth;

public static class ApiKeyServiceCollectionExtensions
{
    /// <summary>
    /// API-key authentication and one policy per scope. An endpoint that declares no scope falls
    /// back to the admin policy, so a route someone forgets to annotate is closed, not open.
    /// </summary>
    public static IServiceCollection AddCourierApiKeys(this IServiceCollection services)
    {
        services.AddOptions<BootstrapKeyOptions>()
            .BindConfiguration(BootstrapKeyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new ApiKeyStore(
            sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddScopePolicies()
            .SetFallbackPolicy(ScopePolicy(ApiScope.Admin));
        return services;
    }

    private static AuthorizationBuilder AddScopePolicies(this AuthorizationBuilder builder)
    {
        foreach (var scope in Enum.GetValues<ApiScope>())
        {
            builder.AddPolicy(ScopeGrants.PolicyName(scope), ScopePolicy(scope));
        }
        return builder;
    }

    private static AuthorizationPolicy ScopePolicy(ApiScope required) =>
        new AuthorizationPolicyBuilder(ApiKeyDefaults.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiKeyDefaults.ScopeClaim, ScopeGrants.Satisfying(required).Select(ApiScopeNames.Of))
            .Build();
}
