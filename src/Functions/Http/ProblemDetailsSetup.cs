namespace Courier.Functions.Http;

/// <summary>Every error the host answers is RFC 7807 ProblemDetails (application/problem+json).</summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddCourierProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures throw (to BadRequestExceptionHandler) instead of answering an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// Exceptions become 500 (or 503 for storage), bare status codes (401 from a policy, 405, 415…)
    /// get a body, and a path no endpoint matches is 404 before authentication, so a caller
    /// without a key learns it mistyped the path rather than that it needs a key.
    /// Must run before routing's endpoint is used, and <see cref="UseUnknownRouteNotFound"/> after UseRouting.
    /// </summary>
    public static WebApplication UseCourierErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication UseUnknownRouteNotFound(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is not null)
            {
                return next(context);
            }
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }
}
