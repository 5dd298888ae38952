using Azure.Data.Tables;
using Courier.Domain.Model;
using Courier.Domain.Storage;
using Courier.Testing;

namespace Courier.Domain.Tests;

[Collection(SharedAzurite.Name)]
public sealed class RepositoryTests(AzuriteFixture azurite)
{
    private readonly TestCatalog _catalog = new(azurite.ConnectionString);

    [Fact]
    public async Task A_stale_etag_is_refused_and_loses_nothing()
    {
        var created = await _catalog.ProjectCatalog.CreateAsync(Samples.Project());
        var first = await _catalog.ProjectCatalog.UpdateAsync(created.Value with { Description = "first" }, created.ETag);

        await Assert.ThrowsAsync<ConcurrencyException>(() => _catalog.ProjectCatalog.UpdateAsync(created.Value with { Description = "stale" }, created.ETag));
        await Assert.ThrowsAsync<ConcurrencyException>(() => _catalog.Projects.DeleteAsync(created.Value.Id, created.ETag));

        var read = await _catalog.ProjectCatalog.GetAsync(created.Value.Id);
        Assert.Equal("first", read.Value.Description);
        Assert.Equal(first.ETag, read.ETag);
        Assert.NotEqual(created.ETag, read.ETag);
    }

    [Fact]
    public async Task A_document_larger_than_one_table_property_is_stored_in_chunks()
    {
        var (project, db, sftp) = await SetUpAsync();
        var query = "select 1 -- " + new string('x', 200_000);
        var task = Samples.Task(project, db, sftp) with { Reports = [Report(db) with { Source = Report(db).Source with { Query = new CodeLocation { Text = query } } }] };

        var created = await _catalog.Tasks.CreateAsync(task);
        var read = await _catalog.Tasks.GetAsync(created.Value.Id);

        Assert.Equal(query, read.Value.Reports[0].Source.Query!.Text);
        var raw = await _catalog.Tables.Service.GetTableClient(_catalog.Tables.Name("tasks")).GetEntityAsync<TableEntity>("doc", created.Value.Id.ToString("D"));
        Assert.True(raw.Value.GetInt32("DocParts") >= 4);
    }

    [Fact]
    public async Task Lists_page_with_a_continuation_token_and_every_filter_applies()
    {
        var (project, db, sftp) = await SetUpAsync();
        var other = (await _catalog.ProjectCatalog.CreateAsync(Samples.Project("bob") with { Name = "Ops" })).Value.Id;
        for (var i = 0; i < 7; i++)
        {
            await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, $"alice task {i}") with { Rank = i, Enabled = i % 2 == 0 });
        }

        await _catalog.Tasks.CreateAsync(Samples.Task(other, db, sftp, "bob nightly", owner: "bob") with
        {
            Tags = ["nightly"],
            CustomProperties = [new CustomProperty { Name = "Department", Value = "Ops" }],
            Filters = ["EU only"],
            Rank = null,
        });

        var seen = new List<Guid>();
        string? token = null;
        do
        {
            var page = await _catalog.Tasks.ListAsync(new TaskQuery { ProjectId = project }, 3, token);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(t => t.Value.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(7, seen.Distinct().Count());
        Assert.Equal(4, await CountAsync(new TaskQuery { ProjectId = project, Enabled = true }));
        Assert.Equal(1, await CountAsync(new TaskQuery { Owner = "bob" }));
        Assert.Equal(1, await CountAsync(new TaskQuery { Tag = "NIGHTLY" }));
        Assert.Equal(1, await CountAsync(new TaskQuery { CustomProperty = new CustomProperty { Name = "department", Value = "ops" } }));
        Assert.Equal(7, await CountAsync(new TaskQuery { NameContains = "ALICE" }));
        Assert.Equal(0, await CountAsync(new TaskQuery { Owner = "bob", Enabled = false }));

        var counts = await _catalog.Tasks.CountsAsync(new TaskQuery());
        Assert.Equal(8, counts.Total);
        Assert.Equal([new NameCount("alice", 7), new NameCount("bob", 1)], counts.Owners);
        Assert.Equal([new NameCount(project.ToString("D"), 7), new NameCount(other.ToString("D"), 1)], counts.Projects);
    }

    [Fact]
    public async Task A_bad_continuation_token_is_named()
    {
        var error = await Assert.ThrowsAsync<Validation.ValidationException>(() => _catalog.Tasks.ListAsync(new TaskQuery(), 10, "' or 1 eq 1"));

        Assert.Equal("continuationToken", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task Deleting_a_connection_that_tasks_use_is_refused_with_their_list_or_disables_them_when_forced()
    {
        var (project, db, sftp) = await SetUpAsync();
        var user = await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "uses it"));
        var connection = await _catalog.Connections.GetAsync(sftp);

        var refused = await Assert.ThrowsAsync<ResourceInUseException>(() => _catalog.Connections.DeleteAsync(sftp, connection.ETag, force: false));
        Assert.Equal(user.Value.Id, Assert.Single(refused.Tasks).Id);
        Assert.NotNull(await _catalog.ConnectionRows.GetAsync(sftp));

        var disabled = await _catalog.Connections.DeleteAsync(sftp, connection.ETag, force: true);

        Assert.Equal(user.Value.Id, Assert.Single(disabled).Id);
        Assert.False((await _catalog.Tasks.GetAsync(user.Value.Id)).Value.Enabled);
        Assert.Null(await _catalog.ConnectionRows.GetAsync(sftp));
    }

    [Fact]
    public async Task Secrets_are_unreadable_in_the_raw_entity_and_read_back_in_memory()
    {
        var created = await _catalog.Connections.CreateAsync(Samples.Sftp(Samples.Canary));

        var raw = await RawAsync(created.Value.Id);
        foreach (var value in raw.Select(p => p.Value))
        {
            var text = value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : value?.ToString() ?? "";
            Assert.DoesNotContain(Samples.Canary, text, StringComparison.Ordinal);
        }

        Assert.Equal("k1", raw.GetString("SecretKeyId"));
        Assert.Equal(Samples.Canary, (await _catalog.Connections.GetAsync(created.Value.Id)).Value.Secrets.Password);
        Assert.DoesNotContain(Samples.Canary, created.Value.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Updating_a_connection_keeps_an_omitted_secret_and_clears_an_empty_one()
    {
        var created = await _catalog.Connections.CreateAsync(Samples.Sftp() with { Secrets = new ConnectionSecrets { Password = "pw", PrivateKey = "key" } });

        var updated = await _catalog.Connections.UpdateAsync(created.Value with { Secrets = new ConnectionSecrets { PrivateKey = "" } }, created.ETag);

        Assert.Equal("pw", updated.Value.Secrets.Password);
        Assert.Null((await _catalog.Connections.GetAsync(created.Value.Id)).Value.Secrets.PrivateKey);
    }

    [Fact]
    public async Task Key_rotation_re_encrypts_every_secret_with_the_new_key()
    {
        var prefix = UniqueName.For("rot");
        var keys = TestCatalog.NewKeys("k1", "k2");
        var before = new TestCatalog(azurite.ConnectionString, new Secrets.SecretKeyOptions { ActiveKeyId = "k1", Keys = keys.Keys }, prefix);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await before.Connections.CreateAsync(Samples.Sftp($"pw{i}"))).Value.Id);
        }

        var after = new TestCatalog(azurite.ConnectionString, keys, prefix);
        Assert.Equal(3, await after.Connections.RotateSecretsAsync());
        Assert.Equal(0, await after.Connections.RotateSecretsAsync());

        var onlyNew = new TestCatalog(azurite.ConnectionString, new Secrets.SecretKeyOptions { ActiveKeyId = "k2", Keys = { ["k2"] = keys.Keys["k2"] } }, prefix);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"pw{i}", (await onlyNew.Connections.GetAsync(ids[i])).Value.Secrets.Password);
            Assert.Equal("k2", (await RawAsync(ids[i], onlyNew)).GetString("SecretKeyId"));
        }
    }

    [Fact]
    public async Task Creating_with_an_id_that_exists_is_a_conflict()
    {
        var created = await _catalog.ProjectCatalog.CreateAsync(Samples.Project());

        await Assert.ThrowsAsync<ConflictException>(() => _catalog.ProjectCatalog.CreateAsync(Samples.Project() with { Id = created.Value.Id }));
    }

    [Fact]
    public async Task The_schedule_and_blob_watch_queries_answer_only_the_tasks_that_need_them()
    {
        var (project, db, sftp) = await SetUpAsync();
        var scheduled = (await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "scheduled"))).Value;
        await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "disabled") with { Enabled = false });
        await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "schedule off") with
        {
            Schedules = [.. Samples.Task(project, db, sftp).Schedules.Select(s => s with { Enabled = false })],
        });
        var drops = await _catalog.Connections.CreateAsync(new Connection
        {
            Name = "drops",
            Kind = ConnectionKind.Blob,
            Settings = new ConnectionSettings { Path = "drops" },
            Secrets = new ConnectionSecrets { ConnectionString = azurite.ConnectionString },
        });
        var watching = (await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "watching") with
        {
            Schedules = [],
            Triggers = [new Trigger { Id = Guid.NewGuid(), Kind = TriggerKind.BlobCreated, ConnectionId = drops.Value.Id, PathPrefix = "in/" }],
        })).Value;

        Assert.Equal([scheduled.Id], await IdsAsync(_catalog.TaskRows.ScheduledAsync()));
        Assert.Equal([watching.Id], await IdsAsync(_catalog.TaskRows.WatchingBlobsAsync()));

        // The columns follow every save: a task disabled later stops being scheduled.
        var stored = await _catalog.Tasks.GetAsync(scheduled.Id);
        await _catalog.Tasks.UpdateAsync(stored.Value with { Enabled = false }, stored.ETag);
        Assert.Empty(await IdsAsync(_catalog.TaskRows.ScheduledAsync()));
    }

    private static async Task<List<Guid>> IdsAsync(IAsyncEnumerable<Stored<TaskDefinition>> tasks)
    {
        var ids = new List<Guid>();
        await foreach (var task in tasks)
        {
            ids.Add(task.Value.Id);
        }
        return ids;
    }

    private static ReportDefinition Report(Guid db) => Samples.Task(Guid.Empty, db, Guid.Empty).Reports[0];

    private async Task<int> CountAsync(TaskQuery query) => (await _catalog.Tasks.CountsAsync(query)).Total;

    private async Task<TableEntity> RawAsync(Guid id, TestCatalog? catalog = null)
    {
        catalog ??= _catalog;
        var table = catalog.Tables.Service.GetTableClient(catalog.Tables.Name("connections"));
        return (await table.GetEntityAsync<TableEntity>("doc", id.ToString("D"))).Value;
    }

    private async Task<(Guid Project, Guid Db, Guid Sftp)> SetUpAsync()
    {
        var project = await _catalog.ProjectCatalog.CreateAsync(Samples.Project());
        var db = await _catalog.Connections.CreateAsync(Samples.Postgres());
        var sftp = await _catalog.Connections.CreateAsync(Samples.Sftp());
        return (project.Value.Id, db.Value.Id, sftp.Value.Id);
    }
}
