using Courier.Domain.Catalog;
using Courier.Domain.Model;
using Courier.Domain.Security;
using Courier.Functions.Auth;

namespace Courier.Functions.Http;

/// <summary>/api/groups: named sets of recipients.</summary>
public static class GroupEndpoints
{
    public static RouteGroupBuilder MapGroups(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var groups = api.MapGroup("/groups").WithTags("Groups").RequireScope(ApiScope.Reader).AddEndpointFilter<CatalogErrors>();
        groups.MapGet("/", ListAsync).WithSummary("List groups (name text), paged.").Produces<PageResponse<RecipientGroup>>();
        groups.MapGet("/{id}", GetAsync).WithSummary("One group, with its ETag.").Produces<RecipientGroup>();
        groups.MapPost("/", CreateAsync).WithSummary("Create a group of existing recipients.").RequireScope(ApiScope.Admin)
            .WithMetadata(new CatalogBody(typeof(RecipientGroup), "application/json")).Produces<RecipientGroup>(StatusCodes.Status201Created).ProducesValidationProblem();
        groups.MapPut("/{id}", UpdateAsync).WithSummary("Replace a group; needs If-Match.").RequireScope(ApiScope.Admin)
            .WithMetadata(new CatalogBody(typeof(RecipientGroup), "application/json")).Produces<RecipientGroup>().ProducesValidationProblem();
        groups.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a group; needs If-Match.").RequireScope(ApiScope.Admin)
            .Produces(StatusCodes.Status204NoContent);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, RecipientCatalog catalog, CancellationToken cancellationToken)
    {
        var page = await catalog.Groups.ListAsync(
            null, RecipientCatalog.NameFilter(CatalogRequest.Query(request, "name")), CatalogRequest.PageSize(request),
            CatalogRequest.Query(request, "continuationToken"), cancellationToken);
        return new StoredResult(new PageResponse<RecipientGroup>([.. page.Items.Select(g => g.Value)], page.ContinuationToken), null);
    }

    private static async Task<IResult> GetAsync(string id, RecipientCatalog catalog, CancellationToken cancellationToken)
    {
        var group = await catalog.Groups.GetRequiredAsync(CatalogRequest.Id(id), cancellationToken);
        return new StoredResult(group.Value, group.ETag);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, RecipientCatalog catalog, CancellationToken cancellationToken)
    {
        var created = await catalog.CreateAsync(await CatalogRequest.ReadJsonAsync<RecipientGroup>(request, cancellationToken), cancellationToken);
        return new StoredResult(created.Value, created.ETag, StatusCodes.Status201Created, $"{ApiGroup.Prefix}/groups/{created.Value.Id}");
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, RecipientCatalog catalog, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        var ifMatch = CatalogRequest.IfMatch(request);
        var group = await CatalogRequest.ReadJsonAsync<RecipientGroup>(request, cancellationToken);
        if (group.Id != Guid.Empty && group.Id != key)
        {
            throw CatalogRequest.Invalid("id", "must match the id in the path");
        }

        var updated = await catalog.UpdateAsync(group with { Id = key }, ifMatch, cancellationToken);
        return new StoredResult(updated.Value, updated.ETag);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, RecipientCatalog catalog, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        await catalog.Groups.DeleteAsync(key, CatalogRequest.IfMatch(request), cancellationToken);
        return TypedResults.NoContent();
    }
}
