using Courier.Domain.Catalog;
using Courier.Domain.Model;
using Courier.Domain.Security;
using Courier.Functions.Auth;

namespace Courier.Functions.Http;

/// <summary>/api/recipients: people who receive files and notifications.</summary>
public static class RecipientEndpoints
{
    public static RouteGroupBuilder MapRecipients(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var recipients = api.MapGroup("/recipients").WithTags("Recipients").RequireScope(ApiScope.Reader).AddEndpointFilter<CatalogErrors>();
        recipients.MapGet("/", ListAsync).WithSummary("List recipients (name text), paged.").Produces<PageResponse<Recipient>>();
        recipients.MapGet("/{id}", GetAsync).WithSummary("One recipient, with its ETag.").Produces<Recipient>();
        recipients.MapPost("/", CreateAsync).WithSummary("Create a recipient.").RequireScope(ApiScope.Admin)
            .WithMetadata(new CatalogBody(typeof(Recipient), "application/json")).Produces<Recipient>(StatusCodes.Status201Created).ProducesValidationProblem();
        recipients.MapPut("/{id}", UpdateAsync).WithSummary("Replace a recipient; needs If-Match.").RequireScope(ApiScope.Admin)
            .WithMetadata(new CatalogBody(typeof(Recipient), "application/json")).Produces<Recipient>().ProducesValidationProblem();
        recipients.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a recipient; needs If-Match.").RequireScope(ApiScope.Admin)
            .Produces(StatusCodes.Status204NoContent);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, RecipientCatalog catalog, CancellationToken cancellationToken)
    {
        var page = await catalog.Recipients.ListAsync(
            null, RecipientCatalog.NameFilter(CatalogRequest.Query(request, "name")), CatalogRequest.PageSize(request),
            CatalogRequest.Query(request, "continuationToken"), cancellationToken);
        return new StoredResult(new PageResponse<Recipient>([.. page.Items.Select(r => r.Value)], page.ContinuationToken), null);
    }

    private static async Task<IResult> GetAsync(string id, RecipientCatalog catalog, CancellationToken cancellationToken)
    {
        var recipient = await catalog.Recipients.GetRequiredAsync(CatalogRequest.Id(id), cancellationToken);
        return new StoredResult(recipient.Value, recipient.ETag);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, RecipientCatalog catalog, CancellationToken cancellationToken)
    {
        var created = await catalog.CreateAsync(await CatalogRequest.ReadJsonAsync<Recipient>(request, cancellationToken), cancellationToken);
        return new StoredResult(created.Value, created.ETag, StatusCodes.Status201Created, $"{ApiGroup.Prefix}/recipients/{created.Value.Id}");
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, RecipientCatalog catalog, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        var ifMatch = CatalogRequest.IfMatch(request);
        var recipient = await CatalogRequest.ReadJsonAsync<Recipient>(request, cancellationToken);
        if (recipient.Id != Guid.Empty && recipient.Id != key)
        {
            throw CatalogRequest.Invalid("id", "must match the id in the path");
        }

        var updated = await catalog.UpdateAsync(recipient with { Id = key }, ifMatch, cancellationToken);
        return new StoredResult(updated.Value, updated.ETag);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, RecipientCatalog catalog, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        await catalog.Recipients.DeleteAsync(key, CatalogRequest.IfMatch(request), cancellationToken);
        return TypedResults.NoContent();
    }
}
