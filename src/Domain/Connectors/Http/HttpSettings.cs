namespace Courier.Domain.Connectors.Http;

/// <summary>
/// Files over HTTP(S), read-only: raw URLs on GitLab/GitHub or any web server. Paths are resolved
/// against <see cref="BaseUrl"/>; a token is sent as "Authorization: {Scheme} {token}" (GitLab's
/// PRIVATE-TOKEN header style via <see cref="HeaderName"/>).
/// </summary>
public sealed record HttpSettings(Uri BaseUrl)
{
    public Secret? Token { get; init; }

    public string HeaderName { get; init; } = "Authorization";

    /// <summary>Prefix before the token in the header value ("Bearer", "token"); empty for none.</summary>
    public string Scheme { get; init; } = "Bearer";

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);
}
