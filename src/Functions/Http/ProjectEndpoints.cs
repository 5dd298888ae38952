using System.Text;
using Courier.Domain.Catalog;
using Courier.Domain.Exchange;
using Courier.Domain.Model;
using Courier.Domain.Security;
using Courier.Functions.Auth;

namespace Courier.Functions.Http;

/// <summary>/api/projects: CRUD, duplicate, export (JSON/YAML, no secrets) and import with dry run.</summary>
public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjects(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var projects = api.MapGroup("/projects").WithTags("Projects").RequireScope(ApiScope.Reader).AddEndpointFilter<CatalogErrors>();
        projects.MapGet("/", ListAsync).WithSummary("List projects (owner, name text), paged.")
            .Produces<PageResponse<Project>>();
        projects.MapGet("/{id}", GetAsync).WithSummary("One project; the ETag header guards the next update.")
            .Produces<Project>();
        projects.MapPost("/", CreateAsync).WithSummary("Create a project.").RequireScope(ApiScope.Admin)
            .WithMetadata(new CatalogBody(typeof(Project), "application/json")).Produces<Project>(StatusCodes.Status201Created).ProducesValidationProblem();
        projects.MapPut("/{id}", UpdateAsync).WithSummary("Replace a project; needs If-Match (412 when stale).").RequireScope(ApiScope.Admin)
            .WithMetadata(new CatalogBody(typeof(Project), "application/json")).Produces<Project>().ProducesValidationProblem();
        projects.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a project; one with tasks needs force=true (deletes them).").RequireScope(ApiScope.Admin)
            .Produces(StatusCodes.Status204NoContent);
        projects.MapPost("/{id}/duplicate", DuplicateAsync).WithSummary("Copy a project and its tasks (copies disabled).").RequireScope(ApiScope.Admin)
            .Produces<Project>(StatusCodes.Status201Created);
        projects.MapGet("/{id}/export", ExportAsync).WithSummary("The project and its tasks as JSON or YAML (format=json|yaml); no secrets.")
            .Produces<ProjectExport>(contentType: "application/json");
        projects.MapPost("/import", ImportAsync).WithSummary("Create or update a project and its tasks from an export; dryRun=true only reports.")
            .RequireScope(ApiScope.Admin).WithMetadata(new CatalogBody(typeof(ProjectExport), "application/json", "application/yaml")).Produces<ImportReport>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ProjectCatalog catalog, CancellationToken cancellationToken)
    {
        var page = await catalog.ListAsync(
            CatalogRequest.Query(request, "owner"), CatalogRequest.Query(request, "name"),
            CatalogRequest.PageSize(request), CatalogRequest.Query(request, "continuationToken"), cancellationToken);
        return new StoredResult(new PageResponse<Project>([.. page.Items.Select(p => p.Value)], page.ContinuationToken), null);
    }

    private static async Task<IResult> GetAsync(string id, ProjectCatalog catalog, CancellationToken cancellationToken)
    {
        var project = await catalog.GetAsync(CatalogRequest.Id(id), cancellationToken);
        return new StoredResult(project.Value, project.ETag);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ProjectCatalog catalog, CancellationToken cancellationToken)
    {
        var project = await CatalogRequest.ReadJsonAsync<Project>(request, cancellationToken);
        var created = await catalog.CreateAsync(project, cancellationToken);
        return new StoredResult(created.Value, created.ETag, StatusCodes.Status201Created, $"{ApiGroup.Prefix}/projects/{created.Value.Id}");
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, ProjectCatalog catalog, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        var ifMatch = CatalogRequest.IfMatch(request);
        var project = await CatalogRequest.ReadJsonAsync<Project>(request, cancellationToken);
        if (project.Id != Guid.Empty && project.Id != key)
        {
            throw CatalogRequest.Invalid("id", "must match the id in the path");
        }

        var updated = await catalog.UpdateAsync(project with { Id = key }, ifMatch, cancellationToken);
        return new StoredResult(updated.Value, updated.ETag);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, ProjectCatalog catalog, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        var ifMatch = CatalogRequest.IfMatch(request);
        await catalog.DeleteAsync(key, ifMatch, CatalogRequest.Bool(request, "force") ?? false, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DuplicateAsync(string id, ProjectCatalog catalog, CancellationToken cancellationToken)
    {
        var copy = await catalog.DuplicateAsync(CatalogRequest.Id(id), cancellationToken);
        return new StoredResult(copy.Value, copy.ETag, StatusCodes.Status201Created, $"{ApiGroup.Prefix}/projects/{copy.Value.Id}");
    }

    private static async Task<IResult> ExportAsync(string id, HttpRequest request, ProjectExchange exchange, CancellationToken cancellationToken)
    {
        var key = CatalogRequest.Id(id);
        var format = Format(CatalogRequest.Query(request, "format") ?? "json");
        var text = ProjectExchange.Write(await exchange.ExportAsync(key, cancellationToken), format);
        var extension = format == ExchangeFormat.Yaml ? "yaml" : "json";
        request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"project-{key:D}.{extension}\"";
        return TypedResults.Text(text, format == ExchangeFormat.Yaml ? "application/yaml" : "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, ProjectExchange exchange, CancellationToken cancellationToken)
    {
        var dryRun = CatalogRequest.Bool(request, "dryRun") ?? false;
        var contentType = request.ContentType ?? "";
        var format = CatalogRequest.Query(request, "format") is { } named ? Format(named)
            : contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase) ? ExchangeFormat.Yaml
            : contentType.Contains("json", StringComparison.OrdinalIgnoreCase) ? ExchangeFormat.Json
            : throw new UnsupportedContentTypeException("application/json or application/yaml");
        var body = await CatalogRequest.ReadBodyAsync(request, cancellationToken);
        var export = ProjectExchange.Read(Encoding.UTF8.GetString(body), format);
        return new StoredResult(await exchange.ImportAsync(export, dryRun, cancellationToken), null);
    }

    private static ExchangeFormat Format(string text) => text.ToUpperInvariant() switch
    {
        "JSON" => ExchangeFormat.Json,
        "YAML" or "YML" => ExchangeFormat.Yaml,
        _ => throw CatalogRequest.Invalid("format", "must be json or yaml"),
    };
}
