using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Courier.Domain.Model;
using Courier.Functions.Tests.Api;
using Courier.Testing;
using Npgsql;

namespace Courier.Functions.Tests.Runs;

/// <summary>Stopping and repeating runs through the API: cancel a run that is going, cancel a pending retry, rerun.</summary>
[Collection(RunApiServers.Name)]
public sealed class RunControlTests(EndToEndServers servers)
{
    [Fact]
    public async Task Cancelling_a_run_that_is_going_ends_it_cancelled_stops_its_query_and_frees_the_task_for_the_next_run()
    {
        using var admin = servers.Admin();
        var (project, database) = await RunApi.WorldAsync(admin, servers);
        var marker = UniqueName.For("slept").Replace('-', '_');
        var taskId = await RunApi.CreateAsync(admin, RunApi.Task(project, database, $"select pg_sleep(30) as {marker}", "sleeper"));
        var runId = await RunApi.StartAsync(admin, taskId);
        await Eventually.HoldsAsync(
            () => RunApi.DetailAsync(admin, runId),
            detail => detail.GetProperty("progress") is { ValueKind: JsonValueKind.Object } step && step.GetProperty("step").GetString() == "building",
            RunApi.Deadline,
            $"run {runId} to be building its report");
        await Eventually.HoldsAsync(() => QueriesRunningAsync(marker), running => running == 1, RunApi.Deadline, $"the query of run {runId} to be running");

        using (var cancel = await admin.PostAsync($"/api/runs/{runId}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        // The report's query stops well before its 30 seconds are up: nothing keeps working for a cancelled run.
        await Eventually.HoldsAsync(
            () => QueriesRunningAsync(marker), running => running == 0, TimeSpan.FromSeconds(10), $"the query of run {runId} to be cancelled");
        var record = (await RunApi.DetailAsync(admin, runId)).GetProperty("run");
        Assert.Equal("cancelled", record.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, record.GetProperty("completedAt").ValueKind);
        Assert.Contains("Cancelled", record.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using (var again = await admin.PostAsync($"/api/runs/{runId}/cancel", null))
        {
            await RunApi.ProblemAsync(again, HttpStatusCode.Conflict);
        }

        // The task is no longer "already running": a new run starts (and is cancelled in turn).
        var next = await RunApi.StartAsync(admin, taskId);
        Assert.NotEqual(runId, next);
        using var cancelNext = await admin.PostAsync($"/api/runs/{next}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelNext.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_task_run_of_a_series_project_stops_the_series_and_marks_the_rest_not_run()
    {
        using var admin = servers.Admin();
        var project = await EndToEndServers.CreateAsync(admin, "/api/projects",
            ApiSamples.Project() with { Name = UniqueName.For("series"), Filters = [], RunMode = RunMode.Series, RankConflictRule = RankConflictRule.ByName });
        var database = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.PostgresConnection());
        var sleeper = RunApi.Task(project, database, "select pg_sleep(30) as slept", "series sleeper") with { Rank = 1 };
        await RunApi.CreateAsync(admin, sleeper);
        var next = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select 1 as n", "series next") with { Rank = 2 });
        using (var started = await admin.PostAsync($"/api/projects/{project}/run", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }
        var running = await Eventually.HoldsAsync(
            async () => (await EndToEndServers.GetAsync(admin, $"/api/runs?projectId={project}&status=running")).GetProperty("items").EnumerateArray().ToList(),
            runs => runs.Count == 1,
            RunApi.Deadline,
            "the first task of the series to be running");
        var runId = running[0].GetProperty("runId").GetString()!;

        using (var cancel = await admin.PostAsync($"/api/runs/{runId}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        var notRun = await Eventually.HoldsAsync(
            () => RunApi.RunsOfAsync(admin, next), runs => runs.Count == 1 && runs[0].GetProperty("isFinished").GetBoolean(), RunApi.Deadline,
            "the second task of the series to be recorded");
        Assert.Equal("notRun", notRun[0].GetProperty("status").GetString());
        Assert.Contains(sleeper.Name, notRun[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("cancelled", RunApi.Status(await RunApi.DetailAsync(admin, runId)));
    }

    [Fact]
    public async Task Cancelling_a_run_stops_a_delivery_that_is_waiting_on_its_server()
    {
        using var admin = servers.Admin();
        var (project, database) = await RunApi.WorldAsync(admin, servers);
        await using var silent = SilentServer.Start();
        var stuck = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.SftpConnection(silent.Port));
        var taskId = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select 1 as n", "stuck delivery") with
        {
            Destinations = [new Destination { Kind = DestinationKind.Sftp, ConnectionId = stuck, Folder = UniqueName.For("never") }],
        });
        var runId = await RunApi.StartAsync(admin, taskId);
        await Eventually.HoldsAsync(() => Task.FromResult(silent.Open), open => open == 1, RunApi.Deadline, $"run {runId} to be connecting to the silent server");

        using (var cancel = await admin.PostAsync($"/api/runs/{runId}/cancel", null))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        // The SFTP client would wait 20 s for the server's greeting; cancelling the run ends that wait now.
        await Eventually.HoldsAsync(
            () => Task.FromResult(silent.Open), open => open == 0, TimeSpan.FromSeconds(8), $"the delivery of run {runId} to let go of the server");
        Assert.Equal(1, silent.Accepted);
        Assert.Equal("cancelled", RunApi.Status(await RunApi.DetailAsync(admin, runId)));
    }

    [Fact]
    public async Task Cancelling_a_pending_retry_ends_the_run_failed_without_another_attempt()
    {
        using var admin = servers.Admin();
        var (project, database) = await RunApi.WorldAsync(admin, servers);
        var down = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.SftpConnection(FreePort.Next()));
        var taskId = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select 1 as n", "retrying") with
        {
            Destinations = [new Destination { Kind = DestinationKind.Sftp, ConnectionId = down, Folder = UniqueName.For("never") }],
            Retry = new RetryPolicy { MaxRetries = 3, FirstDelay = TimeSpan.FromMinutes(10) },
        });
        var runId = await RunApi.StartAsync(admin, taskId);
        var waiting = await RunApi.WaitAsync(admin, runId, "retryScheduled");
        Assert.Equal(JsonValueKind.String, waiting.GetProperty("run").GetProperty("nextAttemptAt").ValueKind);

        using (var cancel = await admin.PostAsync($"/api/runs/{runId}/cancel-retry", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        var ended = await RunApi.WaitAsync(admin, runId);
        var record = ended.GetProperty("run");
        Assert.Equal("failed", record.GetProperty("status").GetString());
        Assert.Equal(1, record.GetProperty("attempt").GetInt32());
        Assert.Contains("retry was cancelled", record.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(ended.GetProperty("deliveries").EnumerateArray()).GetProperty("attempts").GetInt32());
        using var again = await admin.PostAsync($"/api/runs/{runId}/cancel-retry", null);
        await RunApi.ProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_rerun_is_a_new_run_of_the_same_task_that_links_back_to_the_run_it_repeats()
    {
        using var admin = servers.Admin();
        var (project, database) = await RunApi.WorldAsync(admin, servers);
        var taskId = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select 1 as n", "rerun"));
        var original = RunApi.RunId(await RunApi.RunToEndAsync(admin, taskId));

        using var rerun = await admin.PostAsync($"/api/runs/{original}/rerun", null);
        Assert.Equal(HttpStatusCode.Accepted, rerun.StatusCode);
        var started = await rerun.Content.ReadFromJsonAsync<JsonElement>();
        var runId = started.GetProperty("runId").GetString()!;
        Assert.NotEqual(original, runId);
        Assert.Equal(taskId, started.GetProperty("taskId").GetGuid());

        var record = (await RunApi.WaitAsync(admin, runId)).GetProperty("run");
        Assert.Equal("succeeded", record.GetProperty("status").GetString());
        Assert.Equal(taskId, record.GetProperty("taskId").GetGuid());
        Assert.Equal("rerun", record.GetProperty("triggerKind").GetString());
        Assert.Equal(original, record.GetProperty("rerunOf").GetString());
        Assert.Equal(2, (await RunApi.RunsOfAsync(admin, taskId)).Count);
        using var unknown = await admin.PostAsync("/api/runs/run-unknown/rerun", null);
        await RunApi.ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    private async Task<long> QueriesRunningAsync(string marker)
    {
        await using var connection = new NpgsqlConnection(servers.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and query like '%' || @marker || '%'", connection);
        command.Parameters.AddWithValue("marker", marker);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
