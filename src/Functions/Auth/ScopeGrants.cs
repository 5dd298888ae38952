using Courier.Domain.Security;

namespace Courier.Functions.Auth;

/// <summary>
/// Which key scopes satisfy a route's required scope, in one place: admin reaches everything,
/// operator reaches reader and start routes too (it runs tasks), starter reaches only start routes.
/// </summary>
public static class ScopeGrants
{
    public static IReadOnlyList<ApiScope> Satisfying(ApiScope required) => required switch
    {
        ApiScope.Reader => [ApiScope.Admin, ApiScope.Operator, ApiScope.Reader],
        ApiScope.Starter => [ApiScope.Admin, ApiScope.Operator, ApiScope.Starter],
        ApiScope.Operator => [ApiScope.Admin, ApiScope.Operator],
        ApiScope.Admin => [ApiScope.Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(required), required, "Unknown API scope."),
    };

    public static string PolicyName(ApiScope required) => $"scope:{ApiScopeNames.Of(required)}";
}
