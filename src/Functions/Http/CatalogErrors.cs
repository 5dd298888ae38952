using Courier.Domain.Storage;
using Courier.Domain.Validation;

namespace Courier.Functions.Http;

/// <summary>
/// The catalog's exceptions as ProblemDetails: 400 with <c>errors</c> keyed by field path, 404,
/// 409 (with the tasks that use a resource), 412 for a stale ETag, 428 without If-Match.
/// Messages name ids and fields, never submitted values.
/// </summary>
internal sealed class CatalogErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationException e)
        {
            return TypedResults.ValidationProblem(
                e.Errors.GroupBy(error => error.Field.Length == 0 ? "body" : error.Field)
                    .ToDictionary(g => g.Key, g => g.Select(error => error.Rule).Distinct().ToArray()),
                title: "The request is not valid");
        }
        catch (UnsupportedContentTypeException e)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: e.Message,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [$"must be {e.Expected}"] } });
        }
        catch (NotFoundException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: e.Message);
        }
        catch (ConcurrencyException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed by someone else", detail: e.Message);
        }
        catch (PreconditionRequiredException e)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match required",
                detail: e.Message,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["If-Match"] = ["is required"] } });
        }
        catch (ResourceInUseException e)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "In use",
                detail: e.Message,
                extensions: new Dictionary<string, object?> { ["tasks"] = e.Tasks });
        }
        catch (ConflictException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: e.Message);
        }
    }
}
