using Microsoft.AspNetCore.Http.HttpResults;

namespace Courier.Functions.Http;

public static class HealthEndpoints
{
    public const string Path = "/healthz";

    /// <summary>
    /// GET /healthz, without a key: 200 <c>{status:"healthy", storage:{…}}</c> when tables, queues and
    /// blobs answer; otherwise 503 ProblemDetails carrying the same <c>storage</c> report.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, CheckAsync)
            .AllowAnonymous()
            .DisableRateLimiting()
            .WithTags("Health")
            .WithSummary("Whether the host is up and Azure Storage is reachable.");
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> CheckAsync(
        StorageProbe probe, CancellationToken cancellationToken)
    {
        var storage = await probe.CheckAsync(cancellationToken);
        if (storage.IsHealthy)
        {
            return TypedResults.Ok(new HealthResponse("healthy", storage));
        }
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Unhealthy",
            detail: "Azure Storage is not fully reachable; see 'storage'.",
            extensions: new Dictionary<string, object?> { ["health"] = "unhealthy", ["storage"] = storage });
    }
}
