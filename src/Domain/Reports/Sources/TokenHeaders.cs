using Courier.Domain.Model;

namespace Courier.Domain.Reports.Sources;

/// <summary>Which header an http connection's token travels in (GitLab wants <c>PRIVATE-TOKEN</c>, GitHub <c>Authorization</c>).</summary>
internal static class TokenHeaders
{
    private const string Authorization = "Authorization";

    public static string NameFor(ConnectionSettings settings) =>
        IsAuthorization(settings) ? Authorization : settings.TokenHeader!.Trim();

    public static bool IsAuthorization(ConnectionSettings settings) =>
        string.IsNullOrWhiteSpace(settings.TokenHeader) || string.Equals(settings.TokenHeader.Trim(), Authorization, StringComparison.OrdinalIgnoreCase);
}
