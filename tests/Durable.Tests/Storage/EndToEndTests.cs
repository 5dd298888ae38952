using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

[Collection(SharedAzurite.Name)]
public sealed class EndToEndTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Hello_sequence_completes_with_output_timestamps_and_contiguous_history()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var result = await hub.RunAsync(nameof(HelloSequence), "x", instanceId: "run:2026-01-01T08:00/a#b?c");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello x-1,Hello x-2,Hello x-3", result.ReadOutputAs<string>());
        Assert.Equal("x", result.ReadInputAs<string>());
        Assert.Equal("run:2026-01-01T08:00/a#b?c", result.InstanceId);
        Assert.Equal(nameof(HelloSequence), result.Name);
        Assert.True(result.CompletedAt >= result.CreatedAt);
        var history = await hub.HistoryAsync(result.InstanceId);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Equal(3, history.Events.Count(e => e.Type == EventType.TaskCompleted));
        Assert.Empty(history.OutboxRowKeys);
    }

    [Fact]
    public async Task Fan_out_fan_in_of_500_activities_returns_every_result()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, o => o.MaxConcurrentActivityFunctions = 32);
        var result = await hub.RunAsync(nameof(FanOutFanIn), 500, seconds: 120);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(500L * 501, result.ReadOutputAs<long>());
        var history = await hub.HistoryAsync(result.InstanceId);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Equal(500, history.Events.Count(e => e.Type == EventType.TaskCompleted));
    }

    [Fact]
    public async Task Sub_orchestrations_return_results_and_failures()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var result = await hub.RunAsync(nameof(ParentOfChildren), "p", instanceId: "parent-1");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("Hello a-1,Hello a-2,Hello a-3|Hello b-1,Hello b-2,Hello b-3|System.InvalidOperationException|OrchestratorNotFound", result.ReadOutputAs<string>());
        var child = await hub.Client.GetInstanceAsync("parent-1:child/a", getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child!.RuntimeStatus);
        Assert.Equal("a", child.ReadInputAs<string>());
    }

    [Fact]
    public async Task Inputs_and_outputs_of_100_KB_round_trip_through_blobs()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var input = string.Concat(Enumerable.Range(0, 100 * 1024 / 8).Select(i => $"{i:x7}."));
        var result = await hub.RunAsync(nameof(Echo), input);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(input, result.ReadInputAs<string>());
        Assert.Equal(input.ToUpperInvariant() + "!", result.ReadOutputAs<string>());
        Assert.Equal(input.Length, result.ReadCustomStatusAs<Dictionary<string, int>>()!["length"]);
        var blobs = new List<string>();
        await foreach (var blob in hub.Hub.Storage.LargePayloads.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, CancellationToken.None))
        {
            blobs.Add(blob.Name);
        }
        Assert.NotEmpty(blobs);
    }

    [Fact]
    public async Task Terminate_ends_a_waiting_instance_and_purge_removes_history_row_and_blobs()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForApproval), new string('p', 70_000));
        await hub.WaitForHistoryAsync(id, events => events.Any(e => e.Type == EventType.TimerCreated));
        Assert.Equal(0, (await hub.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);

        await hub.Client.TerminateInstanceAsync(id, "operator said stop");
        var terminated = await hub.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal("operator said stop", terminated.ReadOutputAs<string>());

        Assert.Equal(1, (await hub.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
        Assert.Null(await hub.Client.GetInstanceAsync(id));
        var history = await hub.HistoryAsync(id);
        Assert.Empty(history.Events);
        Assert.Null(history.ETag);
        await foreach (var blob in hub.Hub.Storage.LargePayloads.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, id, CancellationToken.None))
        {
            Assert.Fail($"blob {blob.Name} survived the purge");
        }
        Assert.Equal(0, (await hub.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
    }

    [Fact]
    public async Task Raised_event_completes_a_waiting_instance_and_custom_status_is_visible_meanwhile()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForApproval), "x");
        var running = await hub.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        Assert.Equal("waiting", running.ReadCustomStatusAs<Dictionary<string, string>>()!["stage"]);

        await hub.Client.RaiseEventAsync(id, "Approval", "approved by ann");
        var done = await hub.WaitAsync(id);
        Assert.Equal("approved by ann", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Starting_an_existing_id_does_nothing_and_says_so_but_a_failed_instance_can_be_restarted()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var options = new StartOrchestrationOptions { InstanceId = "sched:nightly:20260101T0200" };
        var first = await hub.Client.TryScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "one", options);
        var second = await hub.Client.TryScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "two", options);
        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.NotNull(second.ExistingStatus);
        var done = await hub.WaitAsync(options.InstanceId);
        Assert.Equal("Hello one-1,Hello one-2,Hello one-3", done.ReadOutputAs<string>());
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "three", options));

        var failedId = "restartable";
        var failed = await hub.RunAsync(nameof(RetriesThenFails), "x", failedId, seconds: 60);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        var restarted = await hub.Client.TryScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "again", new StartOrchestrationOptions { InstanceId = failedId });
        Assert.True(restarted.Created);
        var rerun = await hub.WaitAsync(failedId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, rerun.RuntimeStatus);
        Assert.Equal("Hello again-1,Hello again-2,Hello again-3", rerun.ReadOutputAs<string>());
        HistoryAssert.NoDuplicates((await hub.HistoryAsync(failedId)).Events);
    }

    [Fact]
    public async Task Query_filters_by_status_name_time_and_prefix_and_pages_with_continuation_tokens()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var before = hub.Hub.Time.GetUtcNow().AddSeconds(-1);
        var ids = Enumerable.Range(0, 7).Select(i => $"batch:{i}").ToList();
        foreach (var id in ids)
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), id, new StartOrchestrationOptions { InstanceId = id });
        }
        await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForApproval), "w", new StartOrchestrationOptions { InstanceId = "other:1" });
        foreach (var id in ids)
        {
            await hub.WaitAsync(id);
        }

        var pages = 0;
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await hub.Client.QueryInstancesAsync(new OrchestrationQuery
            {
                InstanceIdPrefix = "batch:",
                Statuses = [OrchestrationRuntimeStatus.Completed],
                Name = nameof(HelloSequence),
                CreatedFrom = before,
                CreatedTo = hub.Hub.Time.GetUtcNow().AddMinutes(1),
                PageSize = 3,
                ContinuationToken = token,
            });
            pages++;
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
        }
        while (token is not null);
        Assert.Equal(ids.Order(), seen.Order());
        Assert.True(pages >= 3);

        var all = new List<string>();
        await foreach (var instance in hub.Client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 2 }))
        {
            all.Add(instance.InstanceId);
        }
        Assert.Equal(8, all.Count);
        var none = await hub.Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = hub.Hub.Time.GetUtcNow().AddHours(1) });
        Assert.Empty(none.Instances);
    }

    [Fact]
    public async Task ContinueAsNew_runs_a_fresh_execution_each_time()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var result = await hub.RunAsync(nameof(Looper), 0);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        var history = await hub.HistoryAsync(result.InstanceId);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Equal("3", history.Start!.Data);
    }
}
