using System.Text.Json;
using Courier.Domain.Model;

namespace Courier.Functions.Http;

/// <summary>A resource in the model's JSON shape, with its ETag header (and Location when created).</summary>
internal sealed class StoredResult(object value, string? etag, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        if (etag is not null)
        {
            response.Headers.ETag = etag;
        }

        if (location is not null)
        {
            response.Headers.Location = location;
        }

        response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, value, value.GetType(), CourierJson.Options, httpContext.RequestAborted);
    }
}
