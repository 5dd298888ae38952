using Courier.Durable.Dispatch;
using Courier.Durable.Execution;
using Courier.Durable.Storage;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>
/// Batched starts: per control-queue partition one transaction adds the Pending rows and one message
/// carries the starts, with the dedupe rules of a single start, and a bundle survives a worker that
/// dies after starting only some of its instances.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class BatchStartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_batch_across_partitions_costs_one_transaction_and_one_message_per_partition_and_every_instance_completes()
    {
        var hubName = UniqueName.For("batch");
        static void FourPartitions(Hosting.DurableOptions o) => o.StorageProvider.PartitionCount = 4;
        var ids = Enumerable.Range(0, 32).Select(i => $"batch:{i}").ToList();
        IReadOnlyList<StartResult> results;
        long requests;
        int partitions;
        await using (var client = await TestHub.StartAsync(azurite.ConnectionString, o => { FourPartitions(o); o.EnableWorker = false; }, hubName: hubName))
        {
            partitions = ids.Select(client.Hub.Storage.PartitionOf).Distinct().Count();
            StorageRequestCounter.MarkFlowAsClient();
            var before = StorageRequestCounter.ClientCount;
            results = await client.Client.TryScheduleNewOrchestrationInstancesAsync(
                [.. ids.Select(id => new NewOrchestration(nameof(HelloSequence), id, new StartOrchestrationOptions { InstanceId = id }))]);
            requests = StorageRequestCounter.ClientCount - before;
            var messages = 0;
            foreach (var queue in client.Hub.Storage.ControlQueues)
            {
                messages += (await queue.PeekMessagesAsync(32)).Value.Length;
            }
            Assert.Equal(partitions, messages);
        }
        Assert.True(partitions > 1, "the ids should spread over several partitions");
        Assert.Equal(2 * partitions, requests);
        Assert.Equal(ids, results.Select(r => r.InstanceId));
        Assert.All(results, r => Assert.True(r.Created));

        await using var worker = await TestHub.StartAsync(azurite.ConnectionString, FourPartitions, hubName: hubName);
        foreach (var id in ids)
        {
            var done = await worker.WaitAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal($"Hello {id}-1,Hello {id}-2,Hello {id}-3", done.ReadOutputAs<string>());
        }
        await using var pages = worker.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "batch:1" }).GetAsyncEnumerator();
        var found = new List<string>();
        while (await pages.MoveNextAsync())
        {
            found.Add(pages.Current.InstanceId);
        }
        Assert.Equal(ids.Where(id => id.StartsWith("batch:1", StringComparison.Ordinal)).Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task New_instance_ids_of_one_call_share_a_partition_and_start_with_one_transaction_and_one_message()
    {
        await using var client = await TestHub.StartAsync(
            azurite.ConnectionString, o => { o.StorageProvider.PartitionCount = 4; o.EnableWorker = false; }, hubName: UniqueName.For("newids"));
        var calls = Enumerable.Range(0, 8).Select(_ => client.Client.NewInstanceIds("run-", 16)).ToList();

        Assert.All(calls, ids => Assert.Single(ids.Select(client.Hub.Storage.PartitionOf).Distinct()));
        Assert.All(calls, ids => Assert.All(ids, id => Assert.Matches("^run-[0-9a-f]{32}$", id)));
        Assert.Equal(128, calls.SelectMany(ids => ids).Distinct().Count());
        // In turn: eight calls land twice on each of the four partitions.
        Assert.All(calls.GroupBy(ids => client.Hub.Storage.PartitionOf(ids[0])), g => Assert.Equal(2, g.Count()));

        StorageRequestCounter.MarkFlowAsClient();
        var before = StorageRequestCounter.ClientCount;
        var results = await client.Client.TryScheduleNewOrchestrationInstancesAsync(
            [.. calls[0].Select(id => new NewOrchestration(nameof(HelloSequence), id, new StartOrchestrationOptions { InstanceId = id }))]);
        Assert.All(results, r => Assert.True(r.Created));
        Assert.Equal(2, StorageRequestCounter.ClientCount - before);
    }

    [Fact]
    public async Task Existing_ids_in_a_batch_are_answered_as_a_single_start_would_and_the_others_start()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        // All in one partition: the existing rows make one transaction fail at their index, again and again.
        var names = Enumerable.Range(0, 200).Select(i => $"existing:{i}").Where(id => hub.Hub.Storage.PartitionOf(id) == 0).Take(5).ToList();
        var running = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForApproval), "r", new StartOrchestrationOptions { InstanceId = names[0] });
        await hub.WaitForStatusAsync(running, OrchestrationRuntimeStatus.Running);
        var completed = (await hub.RunAsync(nameof(HelloSequence), "c", names[1])).InstanceId;
        var restarted = await hub.RunAsync(nameof(HelloSequence), "first", names[2]);
        var new1 = names[3];
        var new2 = names[4];

        var expectedRunning = await hub.Client.TryScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "x", new StartOrchestrationOptions { InstanceId = running });
        var expectedCompleted = await hub.Client.TryScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "x", new StartOrchestrationOptions { InstanceId = completed });
        var results = await hub.Client.TryScheduleNewOrchestrationInstancesAsync(
        [
            new(nameof(HelloSequence), "new-1", new StartOrchestrationOptions { InstanceId = new1 }),
            new(nameof(HelloSequence), "x", new StartOrchestrationOptions { InstanceId = running }),
            new(nameof(HelloSequence), "x", new StartOrchestrationOptions { InstanceId = completed }),
            new(nameof(HelloSequence), "again", new StartOrchestrationOptions { InstanceId = restarted.InstanceId, DedupeStatuses = [] }),
            new(nameof(HelloSequence), "new-2", new StartOrchestrationOptions { InstanceId = new2 }),
        ]);

        Assert.Equal(new StartResult(running, false, OrchestrationRuntimeStatus.Running), expectedRunning);
        Assert.Equal(new StartResult(completed, false, OrchestrationRuntimeStatus.Completed), expectedCompleted);
        Assert.Equal(
            [
                new StartResult(new1, true, null), expectedRunning, expectedCompleted,
                new StartResult(restarted.InstanceId, true, null), new StartResult(new2, true, null),
            ],
            results);
        Assert.Equal("Hello new-1-1,Hello new-1-2,Hello new-1-3", (await hub.WaitAsync(new1)).ReadOutputAs<string>());
        Assert.Equal("Hello new-2-1,Hello new-2-2,Hello new-2-3", (await hub.WaitAsync(new2)).ReadOutputAs<string>());
        var again = await hub.WaitForStatusAsync(restarted.InstanceId, OrchestrationRuntimeStatus.Completed);
        Assert.Equal("Hello again-1,Hello again-2,Hello again-3", again.ReadOutputAs<string>());
        Assert.NotEqual(restarted.ExecutionId, again.ExecutionId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync(running))!.RuntimeStatus);
        Assert.Equal("Hello c-1,Hello c-2,Hello c-3", (await hub.Client.GetInstanceAsync(completed, getInputsAndOutputs: true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_id_given_twice_in_one_batch_starts_once_and_the_repeat_finds_it_pending()
    {
        await using var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var results = await client.Client.TryScheduleNewOrchestrationInstancesAsync(
        [
            new(nameof(HelloSequence), "a", new StartOrchestrationOptions { InstanceId = "twice:a" }),
            new(nameof(HelloSequence), "b", new StartOrchestrationOptions { InstanceId = "twice:b" }),
            new(nameof(HelloSequence), "a again", new StartOrchestrationOptions { InstanceId = "twice:a" }),
        ]);

        Assert.Equal(
            [new StartResult("twice:a", true, null), new StartResult("twice:b", true, null), new StartResult("twice:a", false, OrchestrationRuntimeStatus.Pending)],
            results);
        var instance = await client.Client.GetInstanceAsync("twice:a", getInputsAndOutputs: true);
        Assert.Equal("a", instance!.ReadInputAs<string>());
    }

    [Fact]
    public async Task A_worker_killed_after_starting_some_instances_of_a_bundle_is_replaced_and_each_instance_completes_once()
    {
        await using var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        // All in one partition, so they travel in one bundle.
        var ids = Enumerable.Range(0, 200).Select(i => $"bundle:{i}").Where(id => client.Hub.Storage.PartitionOf(id) == 0).Take(8).ToList();
        var results = await client.Client.TryScheduleNewOrchestrationInstancesAsync(
            [.. ids.Select(id => new NewOrchestration(nameof(HelloSequence), id, new StartOrchestrationOptions { InstanceId = id }))]);
        Assert.All(results, r => Assert.True(r.Created));
        Assert.StartsWith("{\"starts\":", Assert.Single((await client.Hub.Storage.ControlQueues[0].PeekMessagesAsync(32)).Value).Body.ToString(), StringComparison.Ordinal);

        await using (var doomed = await WorkerProcess.StartAsync(azurite.ConnectionString, client.HubName, new Dictionary<string, string>
        {
            ["COURIER_DURABLE_CRASH_AT"] = nameof(CrashPoint.AfterCommit),
            ["COURIER_DURABLE_CRASH_SKIP"] = "2",
            // One episode at a time: the kill comes after exactly three commits, so the bundle is part-way done.
            ["COURIER_DURABLE_EPISODE_CONCURRENCY"] = "1",
        }))
        {
            await WorkerProcess.WaitForExitAsync(doomed);
        }
        var committed = 0;
        foreach (var id in ids)
        {
            committed += (await client.HistoryAsync(id)).Events.Count > 0 ? 1 : 0;
        }
        Assert.InRange(committed, 1, ids.Count - 1);

        await using var clean = await WorkerProcess.StartAsync(azurite.ConnectionString, client.HubName);
        foreach (var id in ids)
        {
            var done = await client.WaitAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal($"Hello {id}-1,Hello {id}-2,Hello {id}-3", done.ReadOutputAs<string>());
        }
        await client.WaitForControlQueueDrainedAsync(ids[0]);
        foreach (var id in ids)
        {
            var history = await client.HistoryAsync(id);
            HistoryAssert.NoDuplicates(history.Events);
            Assert.Equal(3, history.Events.Count(e => e.Type == EventType.TaskCompleted));
            Assert.Single(history.Events, e => e.Type == EventType.ExecutionCompleted);
        }
    }
}
