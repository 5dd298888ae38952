using System.Globalization;
using System.Threading.RateLimiting;
using Courier.Functions.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Courier.Functions.Http;

/// <summary>
/// A fixed window per API key (partitioned by key id, so one busy caller cannot starve the others).
/// Requests without a valid key are not counted: authentication rejects them first.
/// Over the limit: 429 ProblemDetails with Retry-After.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddCourierRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.PermitLimit > 0 && o.Window > TimeSpan.Zero, "Courier:RateLimit needs PermitLimit > 0 and Window > 0.")
            .ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PartitionFor);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = WriteTooManyRequestsAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PartitionFor(HttpContext context)
    {
        var keyId = context.User.FindFirst(ApiKeyDefaults.KeyIdClaim)?.Value;
        if (keyId is null)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(keyId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.PermitLimit,
            Window = options.Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = "This API key has used its requests for the current window; retry after the Retry-After delay.",
            },
        });
    }
}
