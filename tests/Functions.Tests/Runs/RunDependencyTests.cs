using Courier.Domain.Model;
using Courier.Testing;

namespace Courier.Functions.Tests.Runs;

/// <summary>A task that depends on another starts when that one ends with an outcome it listens for, and only then.</summary>
[Collection(RunApiServers.Name)]
public sealed class RunDependencyTests(EndToEndServers servers)
{
    private static readonly IReadOnlyList<RunOutcome> AnyOutcome = [RunOutcome.Success, RunOutcome.Warning, RunOutcome.Error];

    [Fact]
    public async Task A_task_that_succeeds_starts_the_task_waiting_for_its_success_and_that_run_names_the_upstream_run()
    {
        using var admin = servers.Admin();
        var (project, database) = await RunApi.WorldAsync(admin, servers);
        var upstream = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select 1 as n", "upstream"));
        var downstream = await RunApi.CreateAsync(admin, After(RunApi.Task(project, database, "select 2 as n", "downstream"), upstream, [RunOutcome.Success]));

        var upstreamRun = RunApi.RunId(await RunApi.RunToEndAsync(admin, upstream));

        var started = await Eventually.HoldsAsync(
            () => RunApi.RunsOfAsync(admin, downstream), runs => runs.Count > 0, RunApi.Deadline, "the dependent task's run");
        var run = Assert.Single(started);
        Assert.Equal("dependency", run.GetProperty("triggerKind").GetString());
        Assert.Equal(upstreamRun, run.GetProperty("triggeredBy").GetString());
        Assert.Equal("succeeded", RunApi.Status(await RunApi.WaitAsync(admin, run.GetProperty("runId").GetString()!)));
    }

    [Fact]
    public async Task A_task_that_fails_starts_only_the_task_waiting_for_any_outcome()
    {
        using var admin = servers.Admin();
        var (project, database) = await RunApi.WorldAsync(admin, servers);
        var upstream = await RunApi.CreateAsync(admin, RunApi.Task(project, database, "select * from no_such_table", "failing upstream"));
        var onSuccess = await RunApi.CreateAsync(admin, After(RunApi.Task(project, database, "select 1 as n", "on success"), upstream, [RunOutcome.Success]));
        var onAny = await RunApi.CreateAsync(admin, After(RunApi.Task(project, database, "select 1 as n", "on any"), upstream, AnyOutcome));

        var upstreamRun = RunApi.RunId(await RunApi.RunToEndAsync(admin, upstream, "failed"));

        var started = await Eventually.HoldsAsync(
            () => RunApi.RunsOfAsync(admin, onAny), runs => runs.Count > 0, RunApi.Deadline, "the run of the task waiting for any outcome");
        Assert.Equal(upstreamRun, Assert.Single(started).GetProperty("triggeredBy").GetString());
        // Dependents are started before the upstream run's last step: once it shows "finished", every dependent had its chance.
        await Eventually.HoldsAsync(
            () => RunApi.DetailAsync(admin, upstreamRun),
            detail => detail.GetProperty("progress").GetProperty("step").GetString() == "finished",
            RunApi.Deadline,
            $"upstream run {upstreamRun} to finish its last step");
        Assert.Empty(await RunApi.RunsOfAsync(admin, onSuccess));
    }

    private static TaskDefinition After(TaskDefinition task, Guid upstream, IReadOnlyList<RunOutcome> on) =>
        task with { Triggers = [new Trigger { Kind = TriggerKind.TaskCompleted, UpstreamTaskId = upstream, On = on }] };
}
