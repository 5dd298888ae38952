using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Courier.Domain.Model;
using Courier.Domain.Runs;
using Courier.Domain.Scheduling;
using Courier.Functions.Tests.Api;
using Courier.Testing;

namespace Courier.Functions.Tests.Runs;

/// <summary>
/// Two hosts on one storage account, both running the schedule ticker, with a task scheduled every
/// second for two minutes: every occurrence gets one run (id <c>sched:{schedule}:{occurrence}</c>) and that run began once.
/// </summary>
[Collection(Name)]
public sealed class TwoHostScheduleTests : IAsyncLifetime
{
    /// <summary>
    /// Alone, after the parallel tests: two hosts running a run a second for two minutes, beside the
    /// other host tests on 2 cores, fall behind and only measure the machine.
    /// </summary>
    public const string Name = "Two hosts, one schedule";

    private static readonly TimeSpan Watch = TimeSpan.FromMinutes(2);

    private readonly AzuriteFixture _azurite = new();
    private CourierAppFactory? _first;
    private CourierAppFactory? _second;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var settings = CourierAppFactory.SettingsFor(_azurite.ConnectionString);
        settings["Courier:Catalog:TablePrefix"] = UniqueName.For("sched");
        settings["Courier:Secrets:ActiveKeyId"] = "t1";
        settings["Courier:Secrets:Keys:t1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        settings["Courier:Scheduler:Refresh"] = "00:00:01";
        _first = new CourierAppFactory(settings);
        _second = new CourierAppFactory(settings);
        // Creating the clients starts both hosts, each with its own ticker and dispatchers.
        _first.CreateClient().Dispose();
        _second.CreateClient().Dispose();
    }

    [Fact]
    public async Task Each_occurrence_runs_once_whatever_the_number_of_hosts()
    {
        using var admin = _first!.CreateClient();
        admin.DefaultRequestHeaders.Add("x-functions-key", CourierAppFactory.BootstrapKey);
        var world = await ApiSamples.WorldAsync(admin);
        var schedule = new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Cron, Cron = "* * * * * *", TimeZone = "Europe/Paris", CatchUp = CatchUpPolicy.None };
        // A small SQLite report keeps each run short.
        var database = await ApiSamples.CreatedAsync(admin, "/api/connections", new Connection
        {
            Name = UniqueName.For("sqlite"),
            Kind = ConnectionKind.Sqlite,
            Settings = new ConnectionSettings { Database = Path.Combine(Path.GetTempPath(), $"{UniqueName.For("sched")}.db") },
        });
        var report = new ReportDefinition
        {
            Name = "tick",
            Source = new SourceDefinition { Kind = SourceKind.Sql, ConnectionId = database, Query = new CodeLocation { Text = "select 1 as n" } },
            Output = new ReportOutput { FileNameTemplate = "tick_{runId}.csv" },
        };
        var task = ApiSamples.Task(world, name: UniqueName.For("every second")) with
        {
            Filters = [], Reports = [report], Destinations = [], RecipientIds = [], Schedules = [schedule],
            // A run may outlast a second; overlapping runs keep every occurrence's run.
            AllowConcurrentRuns = true,
        };
        var created = TimeProvider.System.GetUtcNow();
        var taskId = await ApiSamples.CreatedAsync(admin, "/api/tasks", task);

        await Task.Delay(Watch);

        // Disable it so no run is half-way when the runs are counted.
        using (var disable = await admin.PostAsync("/api/tasks/disable", JsonContent([taskId])))
        {
            disable.EnsureSuccessStatusCode();
        }
        var runs = new RunRepository(new TableServiceClient(_azurite.ConnectionString));
        var expected = ScheduleCalendar.For(schedule).Between(created.AddSeconds(5), created + Watch - TimeSpan.FromSeconds(3))
            .Select(o => ScheduleInstanceId.For(schedule.Id.ToString("D"), o)).ToList();
        var recorded = (await Eventually.HoldsAsync(
            async () => new RunsSeen(await runs.ForTaskAsync(taskId, CancellationToken.None), expected),
            seen => seen.AllFinished,
            TimeSpan.FromSeconds(240),
            "every occurrence's run to finish")).Runs;

        Assert.All(recorded, r => Assert.StartsWith(ScheduleInstanceId.Prefix, r.RunId, StringComparison.Ordinal));
        Assert.All(recorded.Where(r => expected.Contains(r.RunId)), r => Assert.Equal(RunStatus.Succeeded, r.Status));
        Assert.Equal(recorded.Count, recorded.Select(r => r.RunId).Distinct().Count());
        var logs = new RunLogStore(new BlobServiceClient(_azurite.ConnectionString), TimeProvider.System);
        foreach (var runId in expected)
        {
            await using var log = await logs.OpenReadAsync(taskId, runId, CancellationToken.None);
            Assert.NotNull(log);
            using var reader = new StreamReader(log);
            var text = await reader.ReadToEndAsync();
            Assert.Equal(1, text.Split('\n').Count(line => line.Contains($"Run {runId} of task", StringComparison.Ordinal)));
            Assert.Equal(1, text.Split('\n').Count(line => line.Contains("Run ended", StringComparison.Ordinal)));
        }
    }

    private static StringContent JsonContent(IEnumerable<Guid> ids) =>
        new(System.Text.Json.JsonSerializer.Serialize(new { ids }), System.Text.Encoding.UTF8, "application/json");

    public async Task DisposeAsync()
    {
        if (_first is not null)
        {
            await _first.DisposeAsync();
        }
        if (_second is not null)
        {
            await _second.DisposeAsync();
        }
        await _azurite.DisposeAsync();
    }

    /// <summary>The runs seen so far, and which expected occurrences have no finished run yet (the failure message).</summary>
    private sealed record RunsSeen(IReadOnlyList<RunRecord> Runs, IReadOnlyList<string> Expected)
    {
        public bool AllFinished => Unfinished.Count == 0;

        private List<string> Unfinished =>
            [.. Expected.Where(id => !Runs.Any(r => r.RunId == id && r.IsFinished))
                .Select(id => $"{id}={Runs.FirstOrDefault(r => r.RunId == id)?.Status.ToString() ?? "missing"}")];

        public override string ToString() =>
            $"{Runs.Count} runs, {Unfinished.Count} of {Expected.Count} occurrences unfinished: {string.Join(", ", Unfinished.Take(10))}";
    }
}

