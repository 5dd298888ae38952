namespace Courier.Functions.Auth;

/// <summary>Names shared by the handler, the policies, the rate limiter and the tests.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    /// <summary>The Azure Functions header and query parameter, so existing callers keep working.</summary>
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public const string KeyIdClaim = "courier:key_id";
    public const string ScopeClaim = "courier:scope";

    /// <summary>The key id the configured bootstrap key authenticates as.</summary>
    public const string BootstrapKeyId = "bootstrap";
}
