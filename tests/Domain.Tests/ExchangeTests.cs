using Courier.Domain.Exchange;
using Courier.Domain.Model;
using Courier.Domain.Validation;
using Courier.Testing;

namespace Courier.Domain.Tests;

[Collection(SharedAzurite.Name)]
public sealed class ExchangeTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(ExchangeFormat.Json)]
    [InlineData(ExchangeFormat.Yaml)]
    public async Task A_fifty_task_project_exported_and_imported_elsewhere_is_reproduced_exactly(ExchangeFormat format)
    {
        var source = new TestCatalog(azurite.ConnectionString);
        var target = new TestCatalog(azurite.ConnectionString);
        var (project, db, sftp) = await SetUpAsync(source);
        await CopyConnectionsAsync(source, target, db, sftp);
        for (var i = 0; i < 50; i++)
        {
            await source.Tasks.CreateAsync(Variant(Samples.Task(project, db, sftp, $"task {i:00}"), i));
        }

        var exported = ProjectExchange.Write(await source.Exchange.ExportAsync(project), format);
        var report = await target.Exchange.ImportAsync(ProjectExchange.Read(exported, format), dryRun: false);
        var reExported = ProjectExchange.Write(await target.Exchange.ExportAsync(project), format);

        Assert.Equal(51, report.Changes.Count(c => c.Action == ImportAction.Create));
        Assert.Equal(exported, reExported);
        Assert.Equal(50, (await target.TaskRows.InProjectAsync(project)).Count);
        var again = await target.Exchange.ImportAsync(ProjectExchange.Read(exported, format), dryRun: false);
        Assert.All(again.Changes, c => Assert.Equal(ImportAction.Unchanged, c.Action));
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_change_and_writes_nothing()
    {
        var catalog = new TestCatalog(azurite.ConnectionString);
        var (project, db, sftp) = await SetUpAsync(catalog);
        var task = await catalog.Tasks.CreateAsync(Samples.Task(project, db, sftp));
        var export = await catalog.Exchange.ExportAsync(project);
        var changedTask = export.Tasks[0] with { Description = "changed", Enabled = false };
        var newTask = Samples.Task(project, db, sftp, "new one") with { Id = Guid.NewGuid(), Rank = 5, Schedules = [] };
        var edited = export with { Tasks = [changedTask, newTask] };

        var report = await catalog.Exchange.ImportAsync(edited, dryRun: true);

        Assert.True(report.DryRun);
        Assert.Equal(ImportAction.Unchanged, report.Changes[0].Action);
        Assert.Equal(ImportAction.Update, report.Changes[1].Action);
        Assert.Equal(["description", "enabled"], report.Changes[1].ChangedFields);
        Assert.Equal(ImportAction.Create, report.Changes[2].Action);
        Assert.Null(await catalog.TaskRows.GetAsync(newTask.Id));
        Assert.True((await catalog.Tasks.GetAsync(task.Value.Id)).Value.Enabled);
    }

    [Fact]
    public async Task An_invalid_import_names_the_field_and_writes_nothing()
    {
        var catalog = new TestCatalog(azurite.ConnectionString);
        var (project, db, sftp) = await SetUpAsync(catalog);
        var export = new ProjectExport
        {
            Project = Samples.Project() with { Id = Guid.NewGuid() },
            Tasks = [Samples.Task(project, db, sftp) with { Id = Guid.NewGuid() }],
        };

        var error = await Assert.ThrowsAsync<ValidationException>(() => catalog.Exchange.ImportAsync(export, dryRun: false));

        Assert.Contains(error.Errors, e => e.Field == "tasks[0].projectId");
        Assert.Null(await catalog.Projects.GetAsync(export.Project.Id));
    }

    [Fact]
    public void Yaml_with_an_unknown_field_or_a_wrong_type_is_named_like_json()
    {
        const string yaml = "format: courier.project/v1\nproject:\n  name: p\n  owner: o\n  colour: red\n";
        const string wrongType = "format: courier.project/v1\nproject:\n  name: p\n  owner: o\n  enabled: \"yes\"\n";

        Assert.Equal("project.colour", Assert.Single(Assert.Throws<ValidationException>(() => ProjectExchange.Read(yaml, ExchangeFormat.Yaml)).Errors).Field);
        Assert.Equal("project.enabled", Assert.Single(Assert.Throws<ValidationException>(() => ProjectExchange.Read(wrongType, ExchangeFormat.Yaml)).Errors).Field);
    }

    /// <summary>Tasks that differ in the awkward places: numbers-as-text, quotes, new lines, unicode.</summary>
    private static TaskDefinition Variant(TaskDefinition task, int i) => task with
    {
        Rank = i % 7 == 0 ? null : i,
        Enabled = i % 3 != 0,
        Description = i % 5 == 0 ? "multi\nline \"quoted\" 'text' : # {braces} — ünïcode" : null,
        Tags = [$"tag{i % 4}", "123", "true"],
        Owner = i % 2 == 0 ? "alice" : "bob@example.com",
        Parameters = [new Parameter { Name = "n", Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }],
        Timeout = i % 2 == 0 ? TimeSpan.FromMinutes(i + 1) : null,
    };

    private static async Task CopyConnectionsAsync(TestCatalog from, TestCatalog to, params Guid[] ids)
    {
        foreach (var id in ids)
        {
            await to.Connections.CreateAsync((await from.Connections.GetAsync(id)).Value);
        }
    }

    private static async Task<(Guid Project, Guid Db, Guid Sftp)> SetUpAsync(TestCatalog catalog)
    {
        var project = await catalog.ProjectCatalog.CreateAsync(Samples.Project());
        var db = await catalog.Connections.CreateAsync(Samples.Postgres());
        var sftp = await catalog.Connections.CreateAsync(Samples.Sftp());
        return (project.Value.Id, db.Value.Id, sftp.Value.Id);
    }
}
