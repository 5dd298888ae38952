using Azure;
using Microsoft.AspNetCore.Diagnostics;

namespace Courier.Functions.Http;

/// <summary>
/// Storage that cannot be reached is the server's trouble, not a bug: 503 with a ProblemDetails that
/// says so, without the SDK's message (it names the account and endpoints).
/// </summary>
public sealed partial class StorageUnavailableExceptionHandler(
    IProblemDetailsService problems,
    ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!IsStorageUnreachable(exception))
        {
            return false;
        }
        LogStorageUnavailable(logger, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = "Azure Storage could not be reached. Try again shortly; GET /healthz shows which service is down.",
            },
        });
    }

    /// <summary>Status 0 is the SDK's "no response at all"; after retries it arrives wrapped in an AggregateException.</summary>
    private static bool IsStorageUnreachable(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } => true,
        RequestFailedException failed => failed.Status >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsStorageUnreachable),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while serving {Path}")]
    private static partial void LogStorageUnavailable(ILogger logger, PathString path);
}
