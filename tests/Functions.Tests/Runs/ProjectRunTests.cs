using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Courier.Domain.Model;
using Courier.Functions.Tests.Api;
using Courier.Testing;

namespace Courier.Functions.Tests.Runs;

/// <summary>Project runs through the API: series stops at a failure and marks the rest not run; parallel runs every task.</summary>
public sealed class ProjectRunTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private readonly string _database = Path.Combine(TestRun.NewTempDirectory("project-runs"), "data.db");
    private CourierAppFactory? _host;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var settings = CourierAppFactory.SettingsFor(_azurite.ConnectionString);
        settings["Courier:Catalog:TablePrefix"] = UniqueName.For("proj");
        settings["Courier:Secrets:ActiveKeyId"] = "p1";
        settings["Courier:Secrets:Keys:p1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _host = new CourierAppFactory(settings);
    }

    [Theory]
    [InlineData(RunMode.Series)]
    [InlineData(RunMode.Parallel)]
    public async Task A_failing_task_in_the_middle_stops_a_series_but_not_a_parallel_run(RunMode mode)
    {
        using var admin = _host!.CreateClient();
        admin.DefaultRequestHeaders.Add("x-functions-key", CourierAppFactory.BootstrapKey);
        var project = await ApiSamples.CreatedAsync(admin, "/api/projects",
            ApiSamples.Project() with { Name = UniqueName.For($"{mode}"), Filters = [], RunMode = mode, RankConflictRule = RankConflictRule.ByName });
        var database = await ApiSamples.CreatedAsync(admin, "/api/connections",
            new Connection { Name = UniqueName.For("sqlite"), Kind = ConnectionKind.Sqlite, Settings = new ConnectionSettings { Database = _database } });
        var first = await TaskAsync(admin, project, database, 1, "select 1 as n");
        var broken = await TaskAsync(admin, project, database, 2, "select from nowhere");
        var last = await TaskAsync(admin, project, database, 3, "select 3 as n");

        using var started = await admin.PostAsync($"/api/projects/{project}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runs = await Eventually.HoldsAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/runs?projectId={project}")).GetProperty("items").EnumerateArray().ToList(),
            list => list.Count == 3 && list.All(r => r.GetProperty("isFinished").GetBoolean()),
            TimeSpan.FromSeconds(120),
            "the project's three task runs to end");

        string Status(Guid task) => runs.Single(r => r.GetProperty("taskId").GetGuid() == task).GetProperty("status").GetString()!;
        Assert.Equal("succeeded", Status(first.Id));
        Assert.Equal("failed", Status(broken.Id));
        if (mode == RunMode.Series)
        {
            Assert.Equal("notRun", Status(last.Id));
            var reason = runs.Single(r => r.GetProperty("taskId").GetGuid() == last.Id).GetProperty("reason").GetString();
            Assert.Contains(broken.Name, reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("succeeded", Status(last.Id));
        }
    }

    private static async Task<TaskDefinition> TaskAsync(HttpClient admin, Guid project, Guid database, int rank, string query)
    {
        var task = new TaskDefinition
        {
            Name = UniqueName.For($"rank {rank}"),
            ProjectId = project,
            Owner = "alice",
            Enabled = true,
            Rank = rank,
            Reports =
            [
                new ReportDefinition
                {
                    Name = "one",
                    Source = new SourceDefinition { Kind = SourceKind.Sql, ConnectionId = database, Query = new CodeLocation { Text = query } },
                    Output = new ReportOutput { FileNameTemplate = "one.csv" },
                },
            ],
        };
        return task with { Id = await ApiSamples.CreatedAsync(admin, "/api/tasks", task) };
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        await _azurite.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_database)!, recursive: true);
    }
}
