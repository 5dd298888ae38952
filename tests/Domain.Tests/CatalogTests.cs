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

    [Fact]
    public async Task A_saved_task_is_checked_against_every_resource_it_names_wherever_it_names_it()
    {
        var (project, db, sftp) = await SetUpAsync();
        var smtp = await _catalog.Connections.CreateAsync(new Connection { Name = UniqueName.For("smtp"), Kind = ConnectionKind.Smtp, Settings = new ConnectionSettings { Host = "mail.test", FromAddress = "c@mail.test" } });
        var alice = await _catalog.Recipients.CreateAsync(new Recipient { Name = "Alice", Email = "alice@example.com" });
        var finance = await _catalog.Recipients.CreateAsync(new RecipientGroup { Name = UniqueName.For("finance"), MemberIds = [alice.Value.Id] });
        var valid = Samples.Task(project, db, sftp) with
        {
            Notifications = [new Notification { ConnectionId = smtp.Value.Id, RecipientIds = [alice.Value.Id], GroupIds = [finance.Value.Id] }],
        };
        valid = valid with { Reports = [valid.Reports[0] with { Hub = new HubPublishing { Enabled = true, RecipientIds = [alice.Value.Id], GroupIds = [finance.Value.Id] } }] };
        await _catalog.Tasks.CreateAsync(valid);

        var (stranger, unknownGroup) = (Guid.NewGuid(), Guid.NewGuid());
        var broken = valid with
        {
            Id = Guid.NewGuid(),
            Destinations = [valid.Destinations[0] with { ConnectionId = db }],
            Notifications = [valid.Notifications[0] with { RecipientIds = [alice.Value.Id, stranger] }],
            Reports = [valid.Reports[0] with { Hub = valid.Reports[0].Hub! with { GroupIds = [unknownGroup] } }],
        };
        var error = await Assert.ThrowsAsync<ValidationException>(() => _catalog.Tasks.CreateAsync(broken));

        Assert.Equal(
            ["destinations[0].connectionId", "notifications[0].recipientIds[1]", "reports[0].hub.groupIds[0]"],
            error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_rank_taken_in_a_project_that_refuses_clashes_is_refused_and_a_task_can_keep_its_own()
    {
        var (_, db, sftp) = await SetUpAsync();
        var project = (await _catalog.ProjectCatalog.CreateAsync(Samples.Project() with { Name = UniqueName.For("series"), RunMode = RunMode.Series, RankConflictRule = RankConflictRule.Reject })).Value.Id;
        var first = await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "first") with { Rank = 1 });

        var error = await Assert.ThrowsAsync<ValidationException>(() => _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "second") with { Rank = 1 }));

        Assert.Equal("rank", Assert.Single(error.Errors).Field);
        await _catalog.Tasks.UpdateAsync(first.Value with { Name = "first, renamed" }, first.ETag);
        await _catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp, "third") with { Rank = 3 });
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
