using System.Net;
using Courier.Domain.Model;
using Courier.Domain.Runs;
using Courier.Durable.Client;
using Courier.Functions.Runs;
using Courier.Functions.Tests.Api;
using Courier.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Functions.Tests.Starts;

/// <summary>
/// Many start requests at once, as the start batcher sees them under load: they share storage requests, yet each
/// caller gets the answer a start alone would get, and every started run is recorded.
/// </summary>
[Collection(SharedCatalogHost.Name)]
public sealed class ConcurrentStartTests(CatalogHost host)
{
    private RunRepository Runs => StartCalls.Runs(host.StorageConnectionString);

    [Fact]
    public async Task Fifty_starts_of_distinct_tasks_at_once_all_start_and_are_all_recorded()
    {
        using var admin = await host.ClientAsync();
        var world = await ApiSamples.WorldAsync(admin);
        var tasks = await CreateTasksAsync(admin, world, 50, UniqueName.For("many"));

        var answers = await Task.WhenAll(tasks.Select(t => StartCalls.PostAsync(admin, $"/v4/reloadtask/{t.Id}/start", "{}")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var started = answers.Select(a => a.Body.GetProperty("tasksStarted")[0]).ToList();
        Assert.All(started, s => Assert.Equal("started", s.GetProperty("status").GetString()));
        Assert.Equal(tasks.Select(t => t.Id.ToString()), started.Select(s => s.GetProperty("taskId").GetString()));
        var runIds = started.Select(s => s.GetProperty("runId").GetString()!).ToList();
        Assert.Equal(50, runIds.Distinct().Count());
        for (var i = 0; i < tasks.Count; i++)
        {
            var run = await StartCalls.RecordedRunAsync(Runs, tasks[i].Id, runIds[i]);
            Assert.Equal(("http", tasks[i].Name), (run.TriggerKind, run.TaskName));
        }
    }

    [Fact]
    public async Task Twenty_starts_of_one_task_at_once_start_it_once_and_the_rest_name_that_run()
    {
        using var admin = await host.ClientAsync();
        // Retries keep the run going (its first attempt fails, the retry waits ten minutes), so no later start may find it finished.
        var task = await StartCalls.CreateTaskAsync(admin, UniqueName.For("same"), maxRetries: 2);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => StartCalls.PostAsync(admin, $"/v4/reloadtask/{task.Id}/start", "{}")));

        var started = answers.Where(a => a.Body.GetProperty("totalTasksStarted").GetInt32() == 1).ToList();
        var runId = Assert.Single(started).Body.GetProperty("tasksStarted")[0].GetProperty("runId").GetString()!;
        var refused = answers.Except(started).Select(a => a.Body.GetProperty("tasksNotStarted")[0]).ToList();
        Assert.Equal(19, refused.Count);
        Assert.All(refused, r => Assert.Equal(("alreadyRunning", runId), (r.GetProperty("status").GetString(), r.GetProperty("runId").GetString())));
        Assert.Equal(runId, Assert.Single(await StartCalls.RecordedRunsAsync(Runs, task.Id)).RunId);
        await host.Services.GetRequiredService<DurableTaskClient>().RaiseEventAsync(runId, RunEvents.CancelRetry, "concurrent-start-test");
    }

    [Fact]
    public async Task A_disabled_task_among_concurrent_starts_is_reported_disabled_and_the_others_start()
    {
        using var admin = await host.ClientAsync();
        var world = await ApiSamples.WorldAsync(admin);
        var tag = UniqueName.For("mix");
        var enabled = await CreateTasksAsync(admin, world, 10, tag);
        var disabled = await StartCalls.CreateAsync(admin, StartCalls.Startable(world, $"{tag} off", [tag], []) with { Enabled = false });

        var answers = await Task.WhenAll(enabled.Append(disabled).Select(t => StartCalls.PostAsync(admin, $"/v4/reloadtask/{t.Id}/start", "{}")));

        Assert.All(answers[..^1], a => Assert.Equal("started", a.Body.GetProperty("tasksStarted")[0].GetProperty("status").GetString()));
        var notStarted = answers[^1].Body.GetProperty("tasksNotStarted")[0];
        Assert.Equal((disabled.Id.ToString(), "disabled"), (notStarted.GetProperty("taskId").GetString(), notStarted.GetProperty("status").GetString()));
        foreach (var task in enabled)
        {
            Assert.Single(await StartCalls.RecordedRunsAsync(Runs, task.Id));
        }
        Assert.Empty(await Runs.ForTaskAsync(disabled.Id, CancellationToken.None));
    }

    /// <summary>Tasks allowing concurrent runs and tasks that do not, alternately, so a batch mixes claimed and unclaimed starts.</summary>
    private static async Task<IReadOnlyList<TaskDefinition>> CreateTasksAsync(HttpClient admin, ApiSamples.World world, int count, string tag)
    {
        var tasks = new List<TaskDefinition>();
        for (var i = 0; i < count; i++)
        {
            tasks.Add(await StartCalls.CreateAsync(admin, StartCalls.Startable(world, $"{tag} {i:D2}", [tag], []) with { AllowConcurrentRuns = i % 2 == 0 }));
        }
        return tasks;
    }
}
