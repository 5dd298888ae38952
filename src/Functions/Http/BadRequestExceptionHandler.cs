using Microsoft.AspNetCore.Diagnostics;

namespace Courier.Functions.Http;

/// <summary>
/// A request minimal APIs could not bind (a body that is not JSON, a missing parameter) answers
/// 400 ProblemDetails saying which parameter, instead of an empty 400. The framework's message
/// names the parameter and its type, never a value, so it is safe to show.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = badRequest.StatusCode, Title = "Bad request", Detail = badRequest.Message },
        });
    }
}
