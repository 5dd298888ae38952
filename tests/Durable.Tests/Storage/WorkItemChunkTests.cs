using Azure.Storage.Queues;
using Courier.Durable.Dispatch;
using Courier.Durable.Execution;
using Courier.Durable.Storage;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>
/// Activities an episode runs in its own process share one invisible work item per chunk: the crash
/// safety net costs a send and a delete per chunk. A chunk that comes back (its process died) is
/// split into single work items, so every activity still runs with its own key and poison count.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class WorkItemChunkTests(AzuriteFixture azurite)
{
    [Fact]
    public void Chunks_hold_at_most_32_items_and_stay_under_the_queue_message_limit_and_round_trip()
    {
        var small = Enumerable.Range(0, 70).Select(i => $"{{\"n\":{i}}}").ToList();
        Assert.Equal([32, 32, 6], WorkItemChunk.Group(small).Select(c => c.Count));
        Assert.Equal(Enumerable.Range(0, 70), WorkItemChunk.Group(small).SelectMany(c => c));

        var large = Enumerable.Range(0, 5).Select(i => $"{{\"s\":\"{new string('x', 15 * 1024)}{i}\"}}").ToList();
        var chunks = WorkItemChunk.Group(large);
        Assert.Equal([2, 2, 1], chunks.Select(c => c.Count));
        foreach (var chunk in chunks)
        {
            var encoded = new WorkItemChunk([.. chunk.Select(i => large[i])], 1).Encode();
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(encoded) <= PayloadStore.MaxQueueBytes);
        }

        var decoded = WorkItemChunk.TryDecode(new WorkItemChunk(small[..3], 2).Encode());
        Assert.NotNull(decoded);
        Assert.Equal(small[..3], decoded.Items);
        Assert.Equal(2, decoded.LocalAttempts);
        Assert.Null(WorkItemChunk.TryDecode("{\"instanceId\":\"a\",\"event\":{}}"));
    }

    [Fact]
    public async Task A_fan_out_sends_and_deletes_one_work_item_per_chunk_not_per_activity()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, o => o.MaxConcurrentActivityFunctions = 8);
        var before = StorageRequestCounter.Snapshot();
        var result = await hub.RunAsync(nameof(FanOutFanIn), 64);
        Assert.Equal(2L * (64 * 65 / 2), result.ReadOutputAs<long>());
        await WaitForEmptyAsync(hub.Hub.Storage.WorkItems);
        var after = StorageRequestCounter.Snapshot();
        long Spent(string kind) => after.GetValueOrDefault(kind) - before.GetValueOrDefault(kind);

        // 64 activities in two chunks; the rest is the start message and what the client does.
        Assert.InRange(Spent("queue POST messages"), 2, 8);
        Assert.InRange(Spent("queue DELETE messages"), 2, 8);
        Assert.Empty((await hub.Hub.Storage.Poison.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task A_chunk_that_comes_back_is_split_and_each_activity_runs_once_more_with_its_own_key()
    {
        await using var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await ScheduleAndSendChunkAsync(client, localAttempts: client.Hub.Options.StorageProvider.PoisonMessageDequeueCount - 1);

        await using var worker = await TestHub.StartAsync(azurite.ConnectionString, hubName: client.HubName);
        var done = await worker.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(12L, done.ReadOutputAs<long>());
        var history = await worker.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Equal([0, 1, 2], history.Events.Where(e => e.Type == EventType.TaskCompleted).Select(e => e.TaskScheduledId).Order());
        await WaitForEmptyAsync(worker.Hub.Storage.WorkItems);
        Assert.Empty((await worker.Hub.Storage.Poison.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task A_chunk_back_too_often_poisons_each_of_its_activities_on_its_own()
    {
        await using var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await ScheduleAndSendChunkAsync(client, localAttempts: client.Hub.Options.StorageProvider.PoisonMessageDequeueCount);

        await using var worker = await TestHub.StartAsync(azurite.ConnectionString, hubName: client.HubName);
        var done = await worker.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var history = await worker.HistoryAsync(id);
        Assert.DoesNotContain(history.Events, e => e.Type == EventType.TaskCompleted);
        Assert.All(history.Events.Where(e => e.Type == EventType.TaskFailed), e =>
        {
            Assert.Equal("PoisonMessage", e.Failure!.ErrorType);
            Assert.True(e.Failure.IsNonRetriable);
        });

        // One poison message per activity (each its own work item), not the chunk.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var poisoned = new List<TaskMessage>();
        while (poisoned.Count < 3)
        {
            await Task.Delay(50, deadline.Token);
            var peeked = (await worker.Hub.Storage.Poison.PeekMessagesAsync(32, deadline.Token)).Value;
            poisoned = [.. await Task.WhenAll(peeked.Select(m => worker.Hub.Codec.DecodeAsync(m.Body.ToString(), CancellationToken.None)))];
        }
        Assert.Equal([0, 1, 2], poisoned.Select(m => m.Event.EventId).Order());
        Assert.All(poisoned, m => Assert.Equal(nameof(Twice), m.Event.Name));
    }

    [Fact]
    public async Task A_worker_killed_during_a_fan_out_leaves_chunks_that_another_worker_finishes_with_one_result_each()
    {
        await using var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), 64);

        // Killed right after the second commit: the first fan-in results are in, most activities are not.
        await using (var doomed = await WorkerProcess.StartAsync(azurite.ConnectionString, client.HubName, new Dictionary<string, string>
        {
            ["COURIER_DURABLE_CRASH_AT"] = nameof(CrashPoint.AfterCommit),
            ["COURIER_DURABLE_CRASH_SKIP"] = "1",
        }))
        {
            await WorkerProcess.WaitForExitAsync(doomed);
        }
        var interrupted = await client.HistoryAsync(id);
        Assert.Equal(64, interrupted.Events.Count(e => e.Type == EventType.TaskScheduled));
        // The scheduling episode's outbox is gone (its rows were deleted by the second commit): only the chunks hold the rest.
        Assert.Empty(interrupted.PendingOutbox);

        await using var clean = await WorkerProcess.StartAsync(azurite.ConnectionString, client.HubName);
        var done = await client.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2L * (64 * 65 / 2), done.ReadOutputAs<long>());
        var history = await client.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Equal(64, history.Events.Count(e => e.Type == EventType.TaskCompleted));
        Assert.Single(history.Events, e => e.Type == EventType.ExecutionCompleted);
        Assert.Empty((await client.Hub.Storage.Poison.PeekMessagesAsync(32)).Value);
    }

    /// <summary>
    /// Schedules a fan-out of three, runs its first episode by hand, and replaces its three work items
    /// with one chunk holding them, as left by a process that died while running them.
    /// </summary>
    private static async Task<string> ScheduleAndSendChunkAsync(TestHub client, int localAttempts)
    {
        var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanIn), 3);
        var control = client.Hub.Storage.ControlQueueFor(id);
        var start = (await control.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value.Single();
        var received = new ReceivedMessage
        {
            Queue = control,
            MessageId = start.MessageId,
            PopReceipt = start.PopReceipt,
            DequeueCount = start.DequeueCount,
            Body = start.Body.ToString(),
            Message = await client.Hub.Codec.DecodeAsync(start.Body.ToString(), CancellationToken.None),
        };
        await new EpisodeRunner(client.Hub, new SessionCache()).RunAsync(id, [received], CancellationToken.None);

        var workItems = client.Hub.Storage.WorkItems;
        var sent = (await workItems.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
        Assert.Equal(3, sent.Length);
        foreach (var item in sent)
        {
            await workItems.DeleteMessageAsync(item.MessageId, item.PopReceipt);
        }
        await workItems.SendMessageAsync(new WorkItemChunk([.. sent.Select(m => m.Body.ToString())], localAttempts).Encode());
        return id;
    }

    private static async Task WaitForEmptyAsync(QueueClient queue)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await queue.GetPropertiesAsync(deadline.Token)).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
