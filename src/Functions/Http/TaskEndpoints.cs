using Courier.Domain.Catalog;
using Courier.Domain.Model;
using Courier.Domain.Security;
using Courier.Domain.Storage;
using Courier.Functions.Auth;

namespace Courier.Functions.Http;

/// <summary>/api/tasks: CRUD, the filtered list with its name clouds, duplicate, bulk enable/disable.</summary>
public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTasks(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var tasks = api.MapGroup("/tasks").WithTags("Tasks").RequireScope(ApiScope.Reader).AddEndpointFilter<CatalogErrors>();
        tasks.MapGet("/", ListAsync)
            .WithSummary("List tasks, paged; filters: owner (My Tasks), projectId, tag, property=name:value, enabled, name (text).")
            .Produces<PageResponse<TaskDefinition>>();
        tasks.MapGet("/counts", CountsAsync).WithSummary("Tasks per owner and per project (the name clouds), with the same filters.")
            .Produces<TaskCounts>();
        tasks.MapGet("/{id}", GetAsync).WithSummary("One task; the ETag header guards the next update.").Produces<TaskDefinition>();
        tasks.MapPost("/", CreateAsync).WithSummary("Create a task (it may be enabled at creation).").RequireScope(ApiScope.Admin)
            .WithMetadata(new CatalogBody(typeof(TaskDefinition), "application/json")).Produces<TaskDefinition>(StatusCodes.Status201Created).ProducesValidationProblem();
        tasks.MapPut("/{id}", UpdateAsync).WithSummary("Replace a task; needs If-Match (412 when stale).").RequireScope(ApiScope.Admin)
            .WithMetadata(new CatalogBody(typeof(TaskDefinition), "application/json")).Produces<TaskDefinition>().ProducesValidationProblem();
        tasks.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a task; needs If-Match.").RequireScope(ApiScope.Admin)
            .Produces(StatusCodes.Status204NoContent);
        tasks.MapPost("/{id}/duplicate", DuplicateAsync).WithSummary("Copy a task: the copy is disabled and has no rank.").RequireScope(ApiScope.Admin)
            .Produces<TaskDefinition>(StatusCodes.Status201Created);
        tasks.MapPost("/enable", (HttpRequest r, TaskCatalog c, CancellationToken ct) => SetEnabledAsync(r, c, true, ct))
            .WithSummary("Enable many tasks; each id answers updated, unchanged or notFound.").RequireScope(ApiScope.Operator)
            .WithMetadata(new CatalogBody(typeof(BulkRequest), "application/json")).Produces<IReadOnlyList<BulkOutcome>>();
        tasks.MapPost("/disable", (HttpRequest r, TaskCatalog c, CancellationToken ct) => SetEnabledAsync(r, c, false, ct))
            .WithSummary("Disable many tasks; each id answers updated, unchanged or notFound.").RequireScope(ApiScope.Operator)
            .WithMetadata(new CatalogBody(typeof(BulkRequest), "application/json")).Produces<IReadOnlyList<BulkOutcome>>();
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, TaskCatalog catalog, CancellationToken cancellationToken)
    {
        var page = await catalog.ListAsync(Query(request), CatalogRequest.PageSize(request), CatalogRequest.Query(request, "continuationToken"), cancellationToken);
        return new StoredResult(new PageResponse<TaskDefinition>([.. page.Items.Select(t => t.Value)], page.ContinuationToken), null);
    }

    private static async Task<IResult> CountsAsync(HttpRequest request, TaskCatalog catalog, CancellationToken cancellationToken) =>
        new StoredResult(await catalog.CountsAsync(Query(request), cancellationToken), null);

    private static async Task<IResult> GetAsync(string id, TaskCatalog catalog, CancellationToken cancellationToken)
    {
        var task = await catalog.GetAsync(CatalogRequest.Id(id), cancellationToken);
        return new StoredResult(task.Value, task.ETag);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TaskCatalog catalog, CancellationToken cancellationToken)
    {
        var task = await CatalogRequest.ReadJsonAsync<TaskDefinition>(request, cancellationToken);
        var created = await catalog.CreateAsync(task, cancellationToken);
        return new StoredResult(created.Value, created.ETag, StatusCodes.Status201Created, $"{ApiGroup.Prefix}/tasks/{created.Value.Id}");
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, TaskCatalog catalog, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        var ifMatch = CatalogRequest.IfMatch(request);
        var task = await CatalogRequest.ReadJsonAsync<TaskDefinition>(request, cancellationToken);
        if (task.Id != Guid.Empty && task.Id != key)
        {
            throw CatalogRequest.Invalid("id", "must match the id in the path");
        }

        var updated = await catalog.UpdateAsync(task with { Id = key }, ifMatch, cancellationToken);
        return new StoredResult(updated.Value, updated.ETag);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, TaskCatalog catalog, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        await catalog.DeleteAsync(key, CatalogRequest.IfMatch(request), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DuplicateAsync(string id, TaskCatalog catalog, CancellationToken cancellationToken)
    {
        var copy = await catalog.DuplicateAsync(CatalogRequest.Id(id), cancellationToken);
        return new StoredResult(copy.Value, copy.ETag, StatusCodes.Status201Created, $"{ApiGroup.Prefix}/tasks/{copy.Value.Id}");
    }

    private static async Task<IResult> SetEnabledAsync(HttpRequest request, TaskCatalog catalog, bool enabled, CancellationToken cancellationToken)
    {
        var body = await CatalogRequest.ReadJsonAsync<BulkRequest>(request, cancellationToken);
        if (body.Ids.Count is 0 or > 500)
        {
            throw CatalogRequest.Invalid("ids", "must list 1 to 500 task ids");
        }

        return new StoredResult(await catalog.SetEnabledAsync(body.Ids, enabled, cancellationToken), null);
    }

    private static TaskQuery Query(HttpRequest request)
    {
        CustomProperty? property = null;
        if (CatalogRequest.Query(request, "property") is { } text)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            property = colon > 0
                ? new CustomProperty { Name = text[..colon], Value = text[(colon + 1)..] }
                : throw CatalogRequest.Invalid("property", "must be name:value");
        }

        return new TaskQuery
        {
            Owner = CatalogRequest.Query(request, "owner"),
            ProjectId = CatalogRequest.OptionalId(request, "projectId"),
            Tag = CatalogRequest.Query(request, "tag"),
            CustomProperty = property,
            Enabled = CatalogRequest.Bool(request, "enabled"),
            NameContains = CatalogRequest.Query(request, "name"),
        };
    }
}
