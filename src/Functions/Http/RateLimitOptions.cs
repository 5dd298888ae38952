namespace Courier.Functions.Http;

/// <summary><c>Courier:RateLimit</c>: how many requests one API key may make per window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Courier:RateLimit";

    public int PermitLimit { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
