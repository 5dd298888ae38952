using System.Diagnostics.CodeAnalysis;

namespace Courier.Domain.Security;

/// <summary>The lower-case names scopes have in storage, claims and the HTTP API.</summary>
public static class ApiScopeNames
{
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<ApiScope>().Select(Of).ToArray();

    public static string Of(ApiScope scope) => scope switch
    {
        ApiScope.Reader => "reader",
        ApiScope.Starter => "starter",
        ApiScope.Operator => "operator",
        ApiScope.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown API scope."),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out ApiScope? scope)
    {
        foreach (var candidate in Enum.GetValues<ApiScope>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                scope = candidate;
                return true;
            }
        }
        scope = null;
        return false;
    }
}
