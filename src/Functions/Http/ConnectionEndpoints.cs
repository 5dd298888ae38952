using Courier.Domain.Catalog;
using Courier.Domain.Model;
using Courier.Domain.Security;
using Courier.Functions.Auth;

namespace Courier.Functions.Http;

/// <summary>
/// /api/connections: settings in, secrets in (write-only), and out only "set" / "not set". On update
/// a secret left out keeps its value and "" clears it. Delete refuses while tasks use the connection
/// (409 with their list) unless force=true, which disables those tasks. rotate-secrets re-encrypts
/// every secret with the active key after a key is added.
/// </summary>
public static class ConnectionEndpoints
{
    public static RouteGroupBuilder MapConnections(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var connections = api.MapGroup("/connections").WithTags("Connections").RequireScope(ApiScope.Reader).AddEndpointFilter<CatalogErrors>();
        connections.MapGet("/", ListAsync).WithSummary("List connections (kind, name text), paged; secrets show only set / not set.")
            .Produces<PageResponse<ConnectionView>>();
        connections.MapGet("/{id}", GetAsync).WithSummary("One connection; secrets show only set / not set.").Produces<ConnectionView>();
        connections.MapPost("/", CreateAsync).WithSummary("Create a connection; secrets are encrypted at rest.").RequireScope(ApiScope.Admin)
            .WithMetadata(new CatalogBody(typeof(Connection), "application/json")).Produces<ConnectionView>(StatusCodes.Status201Created).ProducesValidationProblem();
        connections.MapPut("/{id}", UpdateAsync).WithSummary("Replace settings; secrets: omitted keeps, \"\" clears. Needs If-Match.")
            .RequireScope(ApiScope.Admin).WithMetadata(new CatalogBody(typeof(Connection), "application/json")).Produces<ConnectionView>().ProducesValidationProblem();
        connections.MapDelete("/{id}", DeleteAsync).WithSummary("Delete; 409 with the tasks using it, or force=true to disable them.")
            .RequireScope(ApiScope.Admin).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);
        connections.MapPost("/rotate-secrets", RotateAsync).WithSummary("Re-encrypt every secret not made with the active key (after adding a new key).")
            .RequireScope(ApiScope.Admin).Produces<RotationResponse>();
        return api;
    }

    private static async Task<IResult> RotateAsync(ConnectionCatalog catalog, CancellationToken cancellationToken) =>
        new StoredResult(new RotationResponse(await catalog.RotateSecretsAsync(cancellationToken)), null);

    private static async Task<IResult> ListAsync(HttpRequest request, ConnectionCatalog catalog, CancellationToken cancellationToken)
    {
        ConnectionKind? kind = null;
        if (CatalogRequest.Query(request, "kind") is { } text)
        {
            kind = Enum.TryParse<ConnectionKind>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _)
                ? parsed
                : throw CatalogRequest.Invalid("kind", "is not a connection kind");
        }

        var page = await catalog.ListAsync(kind, CatalogRequest.Query(request, "name"), CatalogRequest.PageSize(request), CatalogRequest.Query(request, "continuationToken"), cancellationToken);
        return new StoredResult(new PageResponse<ConnectionView>([.. page.Items.Select(c => ConnectionView.Of(c.Value))], page.ContinuationToken), null);
    }

    private static async Task<IResult> GetAsync(string id, ConnectionCatalog catalog, CancellationToken cancellationToken)
    {
        var connection = await catalog.GetAsync(CatalogRequest.Id(id), cancellationToken);
        return new StoredResult(ConnectionView.Of(connection.Value), connection.ETag);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ConnectionCatalog catalog, CancellationToken cancellationToken)
    {
        var connection = await CatalogRequest.ReadJsonAsync<Connection>(request, cancellationToken);
        var created = await catalog.CreateAsync(connection, cancellationToken);
        return new StoredResult(ConnectionView.Of(created.Value), created.ETag, StatusCodes.Status201Created, $"{ApiGroup.Prefix}/connections/{created.Value.Id}");
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, ConnectionCatalog catalog, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        var ifMatch = CatalogRequest.IfMatch(request);
        var connection = await CatalogRequest.ReadJsonAsync<Connection>(request, cancellationToken);
        if (connection.Id != Guid.Empty && connection.Id != key)
        {
            throw CatalogRequest.Invalid("id", "must match the id in the path");
        }

        var updated = await catalog.UpdateAsync(connection with { Id = key }, ifMatch, cancellationToken);
        return new StoredResult(ConnectionView.Of(updated.Value), updated.ETag);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, ConnectionCatalog catalog, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        var ifMatch = CatalogRequest.IfMatch(request);
        var disabled = await catalog.DeleteAsync(key, ifMatch, CatalogRequest.Bool(request, "force") ?? false, cancellationToken);
        return disabled.Count == 0 ? TypedResults.NoContent() : new StoredResult(new { disabledTasks = disabled }, null);
    }
}
