using Courier.Domain.Security;
using Courier.Functions.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Courier.Functions.Http;

/// <summary>
/// /api/keys (admin): create a key (its plaintext is in that one response only), list and read keys
/// (never a secret or hash), revoke a key. The bootstrap key lives in configuration, not here.
/// </summary>
public static class ApiKeyEndpoints
{
    private const int MaxNameLength = 100;

    public static RouteGroupBuilder MapApiKeys(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var keys = api.MapGroup("/keys").WithTags("API keys").RequireScope(ApiScope.Admin);
        keys.MapPost("/", CreateAsync).WithSummary("Create an API key; the response holds the key, once.");
        keys.MapGet("/", List).WithSummary("List API keys, revoked ones included, without secrets.");
        keys.MapGet("/{id}", GetAsync).WithSummary("One API key, without its secret.");
        keys.MapDelete("/{id}", RevokeAsync).WithSummary("Revoke an API key; it stops working at once.");
        return api;
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, ApiKeyStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors["name"] = ["A name is required, so the key can be recognised in the list."];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = [$"The name must be at most {MaxNameLength} characters."];
        }
        if (!ApiScopeNames.TryParse(request.Scope, out var scope))
        {
            errors["scope"] = [$"The scope must be one of: {string.Join(", ", ApiScopeNames.All)}."];
        }
        if (errors.Count > 0 || name is null || scope is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var issued = await store.CreateAsync(name, scope.Value, cancellationToken);
        return TypedResults.Created(
            $"{ApiGroup.Prefix}/keys/{issued.Key.Id}",
            new CreatedApiKeyResponse(issued.Key.Id, issued.Key.Name, ApiScopeNames.Of(issued.Key.Scope), issued.Key.CreatedAt, issued.Secret));
    }

    private static async IAsyncEnumerable<ApiKeyResponse> List(
        ApiKeyStore store, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var key in store.ListAsync(cancellationToken))
        {
            yield return ApiKeyResponse.From(key);
        }
    }

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> GetAsync(
        string id, ApiKeyStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } key
            ? TypedResults.Ok(ApiKeyResponse.From(key))
            : NotFound(id);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string id, ApiKeyStore store, CancellationToken cancellationToken) =>
        await store.RevokeAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "API key not found",
        detail: $"No API key has the id '{id}'.");
}
