using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Courier.Domain.Runs;
using Courier.Durable.Client;
using Courier.Functions.Runs;
using Courier.Functions.Tests.Api;
using Courier.Functions.Triggers;
using Courier.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Functions.Tests.Starts;

/// <summary>The Butler-compatible start API and the courier-start queue, through the real host, into durable runs.</summary>
[Collection(SharedCatalogHost.Name)]
public sealed class StartApiTests(CatalogHost host)
{
    private RunRepository Runs => StartCalls.Runs(host.StorageConnectionString);

    private Task<RunRecord> FinishedRunAsync(Guid taskId, string runId) => StartCalls.FinishedRunAsync(Runs, taskId, runId);

    [Fact]
    public async Task A_start_by_id_creates_a_durable_run_that_is_recorded_with_its_trigger()
    {
        using var admin = await host.ClientAsync();
        var task = await StartCalls.CreateTaskAsync(admin, UniqueName.For("byid"));
        using var starter = await host.ClientAsync("starter");

        var (status, body, _) = await StartCalls.PostAsync(starter, $"/v4/reloadtask/{task.Id}/start", "{}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("totalTasksStarted").GetInt32());
        var started = body.GetProperty("tasksStarted")[0];
        Assert.Equal(task.Id.ToString(), started.GetProperty("taskId").GetString());
        Assert.Equal("started", started.GetProperty("status").GetString());
        var run = await FinishedRunAsync(task.Id, started.GetProperty("runId").GetString()!);
        Assert.Equal(("http", task.Name), (run.TriggerKind, run.TaskName));
        Assert.NotEqual("bootstrap", run.TriggeredBy);
        Assert.NotNull(run.CompletedAt);
    }

    [Fact]
    public async Task Tags_and_custom_properties_select_the_union_once_and_disabled_tasks_are_reported_not_run()
    {
        using var admin = await host.ClientAsync();
        var tag = UniqueName.For("tag");
        var enabled = await StartCalls.CreateTaskAsync(admin, tag);
        var disabled = await StartCalls.CreateTaskAsync(admin, tag, enabled: false);

        var (status, body, _) = await StartCalls.PostAsync(admin, "/v4/reloadtask/-/start",
            $$"""{ "taskId": ["{{enabled.Id.ToString().ToUpperInvariant()}}"], "tag": ["{{tag}}"], "customProperty": [ { "name": "startGroup", "value": "{{tag}}" } ] }""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("totalTasksStarted").GetInt32());
        var notStarted = body.GetProperty("tasksNotStarted")[0];
        Assert.Equal((disabled.Id.ToString(), "disabled"), (notStarted.GetProperty("taskId").GetString(), notStarted.GetProperty("status").GetString()));
        Assert.Empty(await Runs.ForTaskAsync(disabled.Id, CancellationToken.None));
        Assert.Single(await Runs.ForTaskAsync(enabled.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_malformed_guid_is_a_400_with_the_seed_error_inside_problem_details()
    {
        using var admin = await host.ClientAsync();

        var (status, body, contentType) = await StartCalls.PostAsync(admin, "/v4/reloadtask/-/start", """{ "taskId": ["not-a-guid"] }""");

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (status, contentType));
        Assert.Equal("Invalid task ID format", body.GetProperty("error").GetString());
        Assert.Equal("Task ID must be a valid GUID", body.GetProperty("details").GetString());
        Assert.Equal("taskId[0]", body.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Unknown_ids_are_listed_as_not_found()
    {
        using var admin = await host.ClientAsync();
        var unknown = Guid.NewGuid();

        var (_, body, _) = await StartCalls.PostAsync(admin, $"/v4/reloadtask/{unknown}/start", "");

        Assert.Equal(unknown.ToString(), body.GetProperty("tasksNotFound")[0].GetString());
        Assert.Equal(0, body.GetProperty("totalTasksStarted").GetInt32());
    }

    [Theory]
    [InlineData("/v4/reloadtask/{0}/start")]
    [InlineData("/v4/reloadtask/-/start")]
    [InlineData("/v4/reloadtask/start")]
    public async Task The_start_api_needs_a_key_and_a_scope_that_may_start(string route)
    {
        var path = string.Format(CultureInfo.InvariantCulture, route, Guid.NewGuid());
        using var anonymous = host.AnonymousClient();
        using var reader = await host.ClientAsync("reader");
        using var starter = await host.ClientAsync("starter");

        var (noKey, _, _) = await StartCalls.PostAsync(anonymous, path, "{}");
        var (readerStatus, _, _) = await StartCalls.PostAsync(reader, path, "{}");
        var (starterStatus, _, _) = await StartCalls.SendAsync(starter, HttpMethod.Put, path, "{}");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.OK), (noKey, readerStatus, starterStatus));
    }

    [Fact]
    public async Task The_openapi_document_describes_both_start_routes_for_post_and_put()
    {
        using var admin = await host.ClientAsync();

        var paths = (await ApiCall.GetAsync(admin, "/openapi/v1.json")).Json.GetProperty("paths");

        foreach (var route in new[] { "/v4/reloadtask/{taskId}/start", "/v4/reloadtask/start" })
        {
            Assert.True(paths.TryGetProperty(route, out var operations), $"{route} is missing from the OpenAPI document");
            Assert.True(operations.TryGetProperty("post", out _) && operations.TryGetProperty("put", out _), $"{route} lacks POST or PUT");
        }
    }

    [Fact]
    public async Task Butler_callers_get_butlers_answer_shape()
    {
        using var admin = await host.ClientAsync();
        var task = await StartCalls.CreateTaskAsync(admin, UniqueName.For("butler"));

        var (status, body, _) = await StartCalls.PostAsync(admin, "/v4/reloadtask/-/start", $$"""
            [ { "type": "starttaskid", "payload": { "taskId": "{{task.Id}}" } },
              { "type": "starttaskid", "payload": { "taskId": "abc" } } ]
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        var ids = body.GetProperty("tasksId");
        Assert.Equal(task.Id.ToString(), ids.GetProperty("started")[0].GetProperty("taskId").GetString());
        Assert.Equal("abc", ids.GetProperty("invalid")[0].GetProperty("taskId").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("tasksTag").ValueKind);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_returns_the_first_answer_and_starts_nothing_more()
    {
        using var admin = await host.ClientAsync();
        var task = await StartCalls.CreateTaskAsync(admin, UniqueName.For("idem"));
        var key = UniqueName.For("key");

        var first = await StartCalls.PostAsync(admin, $"/v4/reloadtask/{task.Id}/start", "{}", key);
        var repeat = await StartCalls.PostAsync(admin, $"/v4/reloadtask/{task.Id}/start", "{}", key);

        Assert.Equal(first.Body.GetRawText(), repeat.Body.GetRawText());
        Assert.Single(await Runs.ForTaskAsync(task.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_task_with_a_pending_retry_is_already_running_until_the_retry_is_cancelled()
    {
        using var admin = await host.ClientAsync();
        var task = await StartCalls.CreateTaskAsync(admin, UniqueName.For("retry"), maxRetries: 2);

        var (_, first, _) = await StartCalls.PostAsync(admin, $"/v4/reloadtask/{task.Id}/start", "{}");
        var runId = first.GetProperty("tasksStarted")[0].GetProperty("runId").GetString()!;
        var waiting = await Eventually.HoldsAsync(
            () => Runs.GetAsync(task.Id, runId, CancellationToken.None),
            run => run?.Status == RunStatus.RetryScheduled, StartCalls.RunDeadline, "the first attempt to fail and schedule a retry");
        var (_, second, _) = await StartCalls.PostAsync(admin, $"/v4/reloadtask/{task.Id}/start", "{}");
        await host.Services.GetRequiredService<DurableTaskClient>().RaiseEventAsync(runId, RunEvents.CancelRetry, "operator-test");
        var finished = await FinishedRunAsync(task.Id, runId);

        Assert.NotNull(waiting!.NextAttemptAt);
        var already = second.GetProperty("tasksNotStarted")[0];
        Assert.Equal(("alreadyRunning", runId), (already.GetProperty("status").GetString(), already.GetProperty("runId").GetString()));
        Assert.Equal(RunStatus.Failed, finished.Status);
        Assert.Contains("retry was cancelled by operator-test", finished.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queue_message_starts_the_same_runs_and_a_malformed_one_is_poisoned_with_the_reason()
    {
        using var admin = await host.ClientAsync();
        var tag = UniqueName.For("queue");
        var task = await StartCalls.CreateTaskAsync(admin, tag);
        var queues = new QueueServiceClient(host.StorageConnectionString);
        var queue = queues.GetQueueClient(StartQueueListener.QueueName);
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync($$"""{ "tag": ["{{tag}}"] }""");
        await queue.SendMessageAsync($$"""{ "taskId": ["{{tag}}"] }""");

        var runs = await Eventually.HoldsAsync(
            () => Runs.ForTaskAsync(task.Id, CancellationToken.None), r => r.Count == 1, StartCalls.RunDeadline, "the queued start to create a run");
        Assert.Equal("queue", runs[0].TriggerKind);
        var poison = queues.GetQueueClient(StartQueueListener.PoisonQueueName);
        var poisoned = await Eventually.HoldsAsync(
            async () => (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).FirstOrDefault(b => b.Contains(tag, StringComparison.Ordinal)),
            body => body is not null, StartCalls.RunDeadline, "the malformed message in the poison queue");
        Assert.Contains("Task ID must be a valid GUID", poisoned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_queue_deleted_under_the_running_host_is_created_again_and_its_messages_start_runs()
    {
        using var admin = await host.ClientAsync();
        var tag = UniqueName.For("requeue");
        var task = await StartCalls.CreateTaskAsync(admin, tag);
        var queue = new QueueServiceClient(host.StorageConnectionString).GetQueueClient(StartQueueListener.QueueName);
        await queue.CreateIfNotExistsAsync();

        await queue.DeleteAsync();
        await Eventually.HoldsAsync(async () => (bool)await queue.ExistsAsync(), exists => exists, StartCalls.RunDeadline, "the listener to create the start queue again");
        await queue.SendMessageAsync($$"""{ "tag": ["{{tag}}"] }""");

        var runs = await Eventually.HoldsAsync(
            () => Runs.ForTaskAsync(task.Id, CancellationToken.None), r => r.Count == 1, StartCalls.RunDeadline, "the queued start to create a run");
        Assert.Equal("queue", runs[0].TriggerKind);
    }
}
