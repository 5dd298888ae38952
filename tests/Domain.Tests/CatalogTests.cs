using Courier.Domain.Catalog;
using Courier.Domain.Model;
using Courier.Domain.Validation;
using Courier.Testing;

namespace Courier.Domain.Tests;

[Collection(SharedAzurite.Name)]
public sealed class CatalogTests(AzuriteFixture azurite)
{
    private readonly TestCatalog _catalog = new(azurite.ConnectionString);

    [Fact]
    public async Task A_duplicated_task_is_a_disabled_copy_without_rank_and_with_new_ids()
    {
        var (project, db, sftp) = await SetUpAsync();
        var original = await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp));

        var copy = (await _catalog.Tasks.DuplicateAsync(original.Value.Id)).Value;

        Assert.NotEqual(original.Value.Id, copy.Id);
        Assert.False(copy.Enabled);
        Assert.Null(copy.Rank);
        Assert.Equal("Daily orders (copy)", copy.Name);
        Assert.NotEqual(original.Value.Schedules[0].Id, copy.Schedules[0].Id);
        Assert.Equal(Json(original.Value.Reports), Json(copy.Reports));
        Assert.True((await _catalog.Tasks.GetAsync(original.Value.Id)).Value.Enabled);
    }

    [Fact]
    public async Task A_duplicated_project_copies_its_tasks_disabled()
    {
        var (project, db, sftp) = await SetUpAsync();
        await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "one"));
        await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "two") with { Rank = 2 });

        var copy = await _catalog.ProjectCatalog.DuplicateAsync(project);
        var tasks = await _catalog.TaskRows.InProjectAsync(copy.Value.Id);

        Assert.Equal(["one", "two"], tasks.Select(t => t.Value.Name));
        Assert.All(tasks, t => Assert.False(t.Value.Enabled));
        Assert.Equal(2, (await _catalog.TaskRows.InProjectAsync(project)).Count);
    }

    [Fact]
    public async Task Bulk_enable_reports_each_task()
    {
        var (project, db, sftp) = await SetUpAsync();
        var on = await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "on"));
        var off = await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "off") with { Enabled = false, Rank = 2 });
        var missing = Guid.NewGuid();

        var outcomes = await _catalog.Tasks.SetEnabledAsync([on.Value.Id, off.Value.Id, missing], enabled: true);

        Assert.Equal(
            [new BulkOutcome(on.Value.Id, BulkStatus.Unchanged), new BulkOutcome(off.Value.Id, BulkStatus.Updated), new BulkOutcome(missing, BulkStatus.NotFound)],
            outcomes);
        Assert.True((await _catalog.Tasks.GetAsync(off.Value.Id)).Value.Enabled);
    }

    [Fact]
    public async Task A_task_pointing_at_a_project_that_does_not_exist_is_refused_and_nothing_is_stored()
    {
        var (_, db, sftp) = await SetUpAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => _catalog.Tasks.CreateAsync(Samples.Task(Guid.NewGuid(), db, sftp)));

        Assert.Contains(error.Errors, e => e.Field == "projectId");
        Assert.Equal(0, (await _catalog.Tasks.CountsAsync(new Storage.TaskQuery())).Total);
    }

    [Fact]
    public async Task A_group_of_unknown_recipients_is_refused()
    {
        var alice = await _catalog.Recipients.CreateAsync(new Recipient { Name = "Alice", Email = "alice@example.com" });

        var error = await Assert.ThrowsAsync<ValidationException>(
            () => _catalog.Recipients.CreateAsync(new RecipientGroup { Name = "Finance", MemberIds = [alice.Value.Id, Guid.NewGuid()] }));

        Assert.Equal("memberIds[1]", Assert.Single(error.Errors).Field);
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, CourierJson.Options);

    private async Task<(Guid Project, Guid Db, Guid Sftp)> SetUpAsync()
    {
        var project = await _catalog.ProjectCatalog.CreateAsync(Samples.Project());
        var db = await _catalog.Connections.CreateAsync(Samples.Postgres());
        var sftp = await _catalog.Connections.CreateAsync(Samples.Sftp());
        return (project.Value.Id, db.Value.Id, sftp.Value.Id);
    }
}
