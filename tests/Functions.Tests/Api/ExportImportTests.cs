using System.Net;
using System.Text.Json;

namespace Courier.Functions.Tests.Api;

/// <summary>Export a 50-task project, delete it, import it back (after a dry run): the export is reproduced exactly.</summary>
[Collection(SharedCatalogHost.Name)]
public sealed class ExportImportTests(CatalogHost host)
{
    [Theory]
    [InlineData("json", "application/json")]
    [InlineData("yaml", "application/yaml")]
    public async Task A_fifty_task_project_survives_export_delete_and_import(string format, string contentType)
    {
        using var client = await host.ClientAsync();
        var world = await ApiSamples.WorldAsync(client);
        for (var i = 0; i < 50; i++)
        {
            await ApiSamples.CreatedAsync(client, "/api/tasks", ApiSamples.Task(world, $"task {i:00}") with
            {
                Rank = i % 9 == 0 ? null : i,
                Enabled = i % 2 == 0,
                Description = i % 5 == 0 ? "line one\nline \"two\": {x} — ü" : null,
                Tags = [$"t{i % 3}", "42"],
            });
        }

        var export = await ApiCall.GetAsync(client, $"/api/projects/{world.Project}/export?format={format}");
        Assert.Equal(HttpStatusCode.OK, export.Status);
        Assert.Equal(contentType, export.ContentType);
        var project = await ApiCall.GetAsync(client, $"/api/projects/{world.Project}");
        Assert.Equal(HttpStatusCode.NoContent, (await ApiCall.SendAsync(client, HttpMethod.Delete, $"/api/projects/{world.Project}?force=true", ifMatch: project.ETag)).Status);

        var dryRun = await ApiCall.SendAsync(client, HttpMethod.Post, "/api/projects/import?dryRun=true", export.Body, contentType);
        Assert.Equal(HttpStatusCode.OK, dryRun.Status);
        Assert.Equal(51, Actions(dryRun).Count(a => a == "create"));
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCall.GetAsync(client, $"/api/projects/{world.Project}")).Status);

        var imported = await ApiCall.SendAsync(client, HttpMethod.Post, "/api/projects/import", export.Body, contentType);
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal(51, Actions(imported).Count(a => a == "create"));

        var again = await ApiCall.GetAsync(client, $"/api/projects/{world.Project}/export?format={format}");
        Assert.Equal(export.Body, again.Body);
        var unchanged = await ApiCall.SendAsync(client, HttpMethod.Post, "/api/projects/import?dryRun=true", export.Body, contentType);
        Assert.All(Actions(unchanged), a => Assert.Equal("unchanged", a));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_catalog_request_bodies()
    {
        using var client = await host.ClientAsync();

        var document = (await ApiCall.GetAsync(client, "/openapi/v1.json")).Json;

        var post = document.GetProperty("paths").GetProperty("/api/tasks").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/projects/{id}/export", out _));
    }

    private static IEnumerable<string?> Actions(ApiCall call) =>
        call.Json.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("action").GetString());
}
