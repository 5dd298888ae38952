using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Courier.Durable.Dispatch;
using Courier.Durable.Execution;
using Courier.Durable.Storage;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>
/// A new instance's first episode trusts its Pending row and does not read the history; when the row
/// lags the history (a crash between the commit and the row update) the commit's 409 catches it.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class FirstEpisodeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_new_instance_starts_with_one_point_read_its_row_and_no_history_read()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "f");
        var control = hub.Hub.Storage.ControlQueueFor(id);
        var start = await CopyAsync(hub, control, await ReceiveOneAsync(control));

        var before = StorageRequestCounter.Snapshot();
        await new EpisodeRunner(hub.Hub, new SessionCache()).RunAsync(id, [start], CancellationToken.None);
        var after = StorageRequestCounter.Snapshot();

        Assert.Equal(1, after.GetValueOrDefault("table GET entity") - before.GetValueOrDefault("table GET entity"));
        Assert.Equal(0, after.GetValueOrDefault("table GET rows") - before.GetValueOrDefault("table GET rows"));
        var history = await hub.HistoryAsync(id);
        Assert.Equal(1, history.Checkpoint);
        Assert.Single(history.Events, e => e.Type == EventType.TaskScheduled);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task A_start_whose_commit_outran_its_row_update_is_not_run_again_and_the_interrupted_episode_is_finished()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "f");
        var control = hub.Hub.Storage.ControlQueueFor(id);
        var raw = await ReceiveOneAsync(control);

        // The first worker commits and dies before sending anything or updating the row: the row
        // still reads Pending with no checkpoint, exactly as the client left it.
        var dying = new HubContext(hub.Hub.Options, hub.Hub.Registry, hub.Hub.Services, hub.Hub.Time, hub.Hub.LoggerFactory, new DieAfterCommit());
        var first = await CopyAsync(hub, control, raw);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new EpisodeRunner(dying, new SessionCache()).RunAsync(id, [first], CancellationToken.None));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(0, (await hub.Hub.Storage.WorkItems.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // The same start again as a first delivery (a split bundle resends its starts as new messages):
        // the row is trusted, the commit meets the sentinel (409), nothing goes out, the message comes back.
        await new EpisodeRunner(hub.Hub, new SessionCache()).RunAsync(id, [await CopyAsync(hub, control, raw)], CancellationToken.None);
        Assert.Equal(0, (await hub.Hub.Storage.WorkItems.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        var back = await ReceiveOneAsync(control);
        Assert.Equal(2, back.DequeueCount);

        // Redelivered, it runs against the loaded history: the interrupted episode is finished, not repeated.
        await new EpisodeRunner(hub.Hub, new SessionCache()).RunAsync(id, [await CopyAsync(hub, control, back)], CancellationToken.None);

        var history = await hub.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Equal(1, history.Checkpoint);
        Assert.Single(history.Events, e => e.Type == EventType.ExecutionStarted);
        Assert.Single(history.Events, e => e.Type == EventType.TaskScheduled);
        // The committed outbox went out once, and the row caught up with the history.
        Assert.Single((await hub.Hub.Storage.WorkItems.PeekMessagesAsync(32)).Value);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(0, (await control.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private static async Task<QueueMessage> ReceiveOneAsync(QueueClient queue) =>
        (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value.Single();

    private static async Task<ReceivedMessage> CopyAsync(TestHub hub, QueueClient queue, QueueMessage raw) =>
        new()
        {
            Queue = queue,
            MessageId = raw.MessageId,
            PopReceipt = raw.PopReceipt,
            DequeueCount = raw.DequeueCount,
            Body = raw.Body.ToString(),
            Message = await hub.Hub.Codec.DecodeAsync(raw.Body.ToString(), CancellationToken.None),
        };

    private sealed class DieAfterCommit : IDispatchHooks
    {
        public Task OnAsync(CrashPoint point, string instanceId) =>
            point == CrashPoint.AfterCommit ? throw new InvalidOperationException("killed after commit") : Task.CompletedTask;
    }
}
