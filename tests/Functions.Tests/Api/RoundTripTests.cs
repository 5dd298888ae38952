using System.Net;
using System.Text.Json;
using Courier.Domain.Model;
using Courier.Testing;

namespace Courier.Functions.Tests.Api;

/// <summary>Every resource: create, read, list with each filter, update with ETag, stale ETag refused, delete.</summary>
[Collection(SharedCatalogHost.Name)]
public sealed class RoundTripTests(CatalogHost host)
{
    [Fact]
    public async Task Projects_round_trip_and_filter_by_owner_and_name()
    {
        using var client = await host.ClientAsync();
        var owner = UniqueName.For("own");
        var other = await ApiSamples.CreatedAsync(client, "/api/projects", ApiSamples.Project(owner, "Other thing"));

        var id = await RoundTripAsync(client, "/api/projects", ApiSamples.Project(owner, "Sales reports"), p => p with { Description = "changed", Tags = ["x"] });

        Assert.Equal([other], await ListIdsAsync(client, $"/api/projects?owner={owner}"));
        Assert.Empty(await ListIdsAsync(client, $"/api/projects?owner={owner}&name=sales"));
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCall.GetAsync(client, $"/api/projects/{id}")).Status);
    }

    [Fact]
    public async Task Recipients_and_groups_round_trip_and_filter_by_name()
    {
        using var client = await host.ClientAsync();
        var name = UniqueName.For("rec");
        var kept = await ApiSamples.CreatedAsync(client, "/api/recipients", new Recipient { Name = name + " kept", Email = "kept@example.com" });

        await RoundTripAsync(client, "/api/recipients", new Recipient { Name = name, Email = "r@example.com" }, r => r with { Email = "new@example.com" });
        await RoundTripAsync(client, "/api/groups", new RecipientGroup { Name = name, MemberIds = [kept] }, g => g with { MemberIds = [], Description = "empty now" });

        Assert.Equal([kept], await ListIdsAsync(client, $"/api/recipients?name={name}"));
    }

    [Fact]
    public async Task Connections_round_trip_show_only_whether_secrets_are_set_and_filter_by_kind_and_name()
    {
        using var client = await host.ClientAsync();
        var name = UniqueName.For("conn");
        var sftp = await ApiSamples.CreatedAsync(client, "/api/connections", ApiSamples.Sftp() with { Name = name + " sftp" });

        var post = await ApiCall.PostAsync(client, "/api/connections", ApiSamples.Postgres("pw1") with { Name = name });
        Assert.Equal(HttpStatusCode.Created, post.Status);
        Assert.Equal("set", post.Json.GetProperty("secretStatus").GetProperty("password").GetString());
        Assert.Equal("not set", post.Json.GetProperty("secretStatus").GetProperty("token").GetString());
        var path = $"/api/connections/{post.Id}";

        var changed = ApiSamples.Postgres() with { Name = name, Description = "changed", Secrets = new ConnectionSecrets() };
        var put = await ApiCall.PutAsync(client, path, changed, post.ETag);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("set", put.Json.GetProperty("secretStatus").GetProperty("password").GetString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await ApiCall.PutAsync(client, path, changed with { Description = "stale" }, post.ETag)).Status);
        Assert.Equal("changed", (await ApiCall.GetAsync(client, path)).Json.GetProperty("description").GetString());

        Assert.Equal([post.Id], await ListIdsAsync(client, $"/api/connections?kind=postgres&name={name}"));
        Assert.Equal([sftp], await ListIdsAsync(client, $"/api/connections?kind=sftp&name={name}"));
        Assert.Equal(HttpStatusCode.NoContent, (await ApiCall.SendAsync(client, HttpMethod.Delete, path, ifMatch: put.ETag)).Status);
        var rotation = await ApiCall.SendAsync(client, HttpMethod.Post, "/api/connections/rotate-secrets");
        Assert.Equal(HttpStatusCode.OK, rotation.Status);
        Assert.Equal(0, rotation.Json.GetProperty("rotated").GetInt32());
    }

    [Fact]
    public async Task Tasks_round_trip_and_list_with_each_filter_and_the_name_clouds()
    {
        using var client = await host.ClientAsync();
        var owner = UniqueName.For("me");
        var world = await ApiSamples.WorldAsync(client, owner);
        var mine = ApiSamples.Task(world, "nightly export", owner) with { Tags = ["nightly"], Enabled = false, Rank = 2 };
        var other = await ApiSamples.CreatedAsync(client, "/api/tasks", mine with { Owner = owner + "x", CustomProperties = [new CustomProperty { Name = "team", Value = "ops" }] });
        var kept = await ApiSamples.CreatedAsync(client, "/api/tasks", mine);

        await RoundTripAsync(client, "/api/tasks", ApiSamples.Task(world, "daily orders", owner), t => t with { Description = "changed", Enabled = false });

        Assert.Equal([kept], await ListIdsAsync(client, $"/api/tasks?owner={owner}"));
        Assert.Equal(new[] { other, kept }.Order(), (await ListIdsAsync(client, $"/api/tasks?projectId={world.Project}")).Order());
        Assert.Equal([other], await ListIdsAsync(client, $"/api/tasks?projectId={world.Project}&property=team:OPS"));
        Assert.Equal(new[] { other, kept }.Order(), (await ListIdsAsync(client, $"/api/tasks?projectId={world.Project}&tag=nightly&enabled=false&name=NIGHTLY")).Order());
        Assert.Empty(await ListIdsAsync(client, $"/api/tasks?projectId={world.Project}&enabled=true"));
        Assert.Empty(await ListIdsAsync(client, $"/api/tasks?projectId={world.Project}&tag=daily"));

        var counts = (await ApiCall.GetAsync(client, $"/api/tasks/counts?projectId={world.Project}")).Json;
        Assert.Equal(2, counts.GetProperty("total").GetInt32());
        Assert.Equal(2, counts.GetProperty("owners").GetArrayLength());
        Assert.Equal(world.Project.ToString("D"), counts.GetProperty("projects")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_task_list_pages_with_a_continuation_token()
    {
        using var client = await host.ClientAsync();
        var world = await ApiSamples.WorldAsync(client);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await ApiSamples.CreatedAsync(client, "/api/tasks", ApiSamples.Task(world, $"t{i}") with { Rank = i }));
        }

        var seen = new List<Guid>();
        var url = $"/api/tasks?projectId={world.Project}&pageSize=2";
        string? token = null;
        do
        {
            var page = (await ApiCall.GetAsync(client, token is null ? url : $"{url}&continuationToken={token}")).Json;
            Assert.True(page.GetProperty("items").GetArrayLength() <= 2);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
            token = page.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);

        Assert.Equal(ids.Order(), seen.Order());
    }

    [Fact]
    public async Task Duplicating_a_task_gives_a_disabled_copy_without_rank_and_bulk_enable_reports_each_id()
    {
        using var client = await host.ClientAsync();
        var world = await ApiSamples.WorldAsync(client);
        var original = await ApiSamples.CreatedAsync(client, "/api/tasks", ApiSamples.Task(world));

        var copy = await ApiCall.SendAsync(client, HttpMethod.Post, $"/api/tasks/{original}/duplicate");
        Assert.Equal(HttpStatusCode.Created, copy.Status);
        Assert.False(copy.Json.GetProperty("enabled").GetBoolean());
        Assert.False(copy.Json.TryGetProperty("rank", out _));

        using var operatorClient = await host.ClientAsync("operator");
        var missing = Guid.NewGuid();
        var bulk = await ApiCall.SendAsync(operatorClient, HttpMethod.Post, "/api/tasks/enable", JsonSerializer.Serialize(new { ids = new[] { copy.Id, original, missing } }));
        Assert.Equal(HttpStatusCode.OK, bulk.Status);
        Assert.Equal(["updated", "unchanged", "notFound"], bulk.Json.EnumerateArray().Select(o => o.GetProperty("status").GetString()));
        Assert.True((await ApiCall.GetAsync(client, $"/api/tasks/{copy.Id}")).Json.GetProperty("enabled").GetBoolean());

        var project = await ApiCall.SendAsync(client, HttpMethod.Post, $"/api/projects/{world.Project}/duplicate");
        Assert.Equal(HttpStatusCode.Created, project.Status);
        Assert.Equal(2, (await ListIdsAsync(client, $"/api/tasks?projectId={project.Id}&enabled=false")).Count);
    }

    [Fact]
    public async Task Deleting_a_connection_in_use_is_refused_with_the_tasks_unless_forced()
    {
        using var client = await host.ClientAsync();
        var world = await ApiSamples.WorldAsync(client);
        var task = await ApiSamples.CreatedAsync(client, "/api/tasks", ApiSamples.Task(world));
        var connection = await ApiCall.GetAsync(client, $"/api/connections/{world.Sftp}");

        var refused = await ApiCall.SendAsync(client, HttpMethod.Delete, $"/api/connections/{world.Sftp}", ifMatch: connection.ETag);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.Equal(task, refused.Json.GetProperty("tasks")[0].GetProperty("id").GetGuid());

        var forced = await ApiCall.SendAsync(client, HttpMethod.Delete, $"/api/connections/{world.Sftp}?force=true", ifMatch: connection.ETag);
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        Assert.False((await ApiCall.GetAsync(client, $"/api/tasks/{task}")).Json.GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCall.GetAsync(client, $"/api/connections/{world.Sftp}")).Status);
    }

    /// <summary>Create → read → update with the ETag → the stale ETag is refused and loses nothing → delete.</summary>
    private static async Task<Guid> RoundTripAsync<T>(HttpClient client, string path, T resource, Func<T, T> change)
    {
        var created = await ApiCall.PostAsync(client, path, resource);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.NotNull(created.ETag);
        var url = $"{path}/{created.Id}";

        var read = await ApiCall.GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(created.ETag, read.ETag);
        Assert.Contains(created.Id, await ListIdsAsync(client, $"{path}?pageSize=500"));

        var changed = change(read.As<T>());
        var updated = await ApiCall.PutAsync(client, url, changed, read.ETag);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.NotEqual(read.ETag, updated.ETag);

        var stale = await ApiCall.PutAsync(client, url, read.As<T>(), read.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("application/problem+json", stale.ContentType);
        var after = await ApiCall.GetAsync(client, url);
        Assert.Equal(updated.Body, after.Body);
        Assert.Equal(JsonSerializer.Serialize(changed, CourierJson.Options), JsonSerializer.Serialize(after.As<T>(), CourierJson.Options));

        Assert.Equal(HttpStatusCode.PreconditionRequired, (await ApiCall.PutAsync(client, url, changed, ifMatch: null)).Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await ApiCall.SendAsync(client, HttpMethod.Delete, url, ifMatch: read.ETag)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await ApiCall.SendAsync(client, HttpMethod.Delete, url, ifMatch: updated.ETag)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiCall.GetAsync(client, url)).Status);
        return created.Id;
    }

    private static async Task<List<Guid>> ListIdsAsync(HttpClient client, string url)
    {
        var call = await ApiCall.GetAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, call.Status);
        return [.. call.Json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];
    }
}
