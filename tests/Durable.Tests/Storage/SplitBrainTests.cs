using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Courier.Durable.Dispatch;
using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>
/// Acceptance 4: two dispatchers forced onto one instance, on its first commit (409: both add the
/// sentinel) and on a later one (412: both hold the same cached ETag); exactly one commit wins and the
/// loser sends nothing.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class SplitBrainTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Two_episodes_on_one_instance_commit_once_and_the_loser_sends_nothing()
    {
        // A client-only host: no dispatchers run, the test drives two episode runners by hand.
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "s");
        var control = hub.Hub.Storage.ControlQueueFor(id);
        var raw = await ReceiveOneAsync(control);

        var paused = new PauseBeforeCommit();
        var loserHub = new HubContext(hub.Hub.Options, hub.Hub.Registry, hub.Hub.Services, hub.Hub.Time, hub.Hub.LoggerFactory, paused);
        var loser = new EpisodeRunner(loserHub, new SessionCache());
        var winner = new EpisodeRunner(hub.Hub, new SessionCache());

        var loserRun = loser.RunAsync(id, [await CopyAsync(hub, control, raw)], CancellationToken.None);
        await paused.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await winner.RunAsync(id, [await CopyAsync(hub, control, raw)], CancellationToken.None);
        paused.Release.SetResult();
        await loserRun;

        var history = await hub.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Single(history.Events, e => e.Type == EventType.TaskScheduled);
        Assert.Equal(1, history.Checkpoint);
        var workItems = (await hub.Hub.Storage.WorkItems.PeekMessagesAsync(32)).Value;
        Assert.Single(workItems);
        // Only the winner's outbox is stored: sent already, and deleted by the instance's next commit.
        Assert.Single(history.OutboxRowKeys);
        Assert.Single(history.PendingOutbox);
    }

    [Fact]
    public async Task A_later_commit_from_a_stale_cached_session_gets_412_and_the_loser_sends_nothing()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "s");
        var control = hub.Hub.Storage.ControlQueueFor(id);
        var winnerSessions = new SessionCache();
        var winner = new EpisodeRunner(hub.Hub, winnerSessions);
        var start = await ReceiveOneAsync(control);
        await winner.RunAsync(id, [await CopyAsync(hub, control, start)], CancellationToken.None);

        // Both dispatchers now hold the history of checkpoint 1 in memory, with the same sentinel ETag.
        var loserSessions = new SessionCache();
        var loaded = await hub.HistoryAsync(id);
        // Sent and its rows already gone from this copy's point of view, so the loser's commit carries no
        // row deletes that could fail first: only the sentinel's ETag (If-Match → 412) can stop it.
        loaded.PendingOutbox = [];
        loaded.OutboxRowKeys.Clear();
        loserSessions.Put(id, new InstanceSession(loaded));
        Assert.Equal(winnerSessions.Get(id)!.History.ETag, loserSessions.Get(id)!.History.ETag);
        var paused = new PauseBeforeCommit();
        var loser = new EpisodeRunner(new HubContext(hub.Hub.Options, hub.Hub.Registry, hub.Hub.Services, hub.Hub.Time, hub.Hub.LoggerFactory, paused), loserSessions);

        await CompleteNextActivityAsync(hub, id, "\"hello s-1\"");
        var completion = await ReceiveOneAsync(control);

        var loserRun = loser.RunAsync(id, [await CopyAsync(hub, control, completion)], CancellationToken.None);
        await paused.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await winner.RunAsync(id, [await CopyAsync(hub, control, completion)], CancellationToken.None);
        paused.Release.SetResult();
        await loserRun;

        var history = await hub.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Equal(2, history.Checkpoint);
        Assert.Single(history.Events, e => e.Type == EventType.TaskCompleted);
        Assert.Equal(2, history.Events.Count(e => e.Type == EventType.TaskScheduled));
        // Only the winner's outbox is stored: sent already, and deleted by the instance's next commit.
        Assert.Single(history.OutboxRowKeys);
        Assert.Single(history.PendingOutbox);
        // Only the winner's work item for the second activity exists: the loser sent nothing.
        var workItems = (await hub.Hub.Storage.WorkItems.PeekMessagesAsync(32)).Value;
        Assert.Single(workItems);
        // The loser forgot its stale session, so its next episode reloads the history.
        Assert.Null(loserSessions.Get(id));
    }

    [Fact]
    public async Task A_stale_cached_session_does_not_drop_a_new_result_as_a_duplicate()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "s");
        var control = hub.Hub.Storage.ControlQueueFor(id);
        var current = new EpisodeRunner(hub.Hub, new SessionCache());
        await current.RunAsync(id, [await CopyAsync(hub, control, await ReceiveOneAsync(control))], CancellationToken.None);

        // This worker keeps the history of checkpoint 1 while another one moves the instance on (as when
        // a partition leaves a worker and comes back): the first result is committed elsewhere.
        var staleSessions = new SessionCache();
        staleSessions.Put(id, new InstanceSession(await hub.HistoryAsync(id)));
        await CompleteNextActivityAsync(hub, id, "\"done\"");
        await current.RunAsync(id, [await CopyAsync(hub, control, await ReceiveOneAsync(control))], CancellationToken.None);
        Assert.Equal(2, (await hub.HistoryAsync(id)).Checkpoint);

        // The second result reaches the stale worker, to which it looks like nothing it scheduled.
        await CompleteNextActivityAsync(hub, id, "\"done\"");
        await new EpisodeRunner(hub.Hub, staleSessions).RunAsync(id, [await CopyAsync(hub, control, await ReceiveOneAsync(control))], CancellationToken.None);

        Assert.Null(staleSessions.Get(id));
        var back = await ReceiveOneAsync(control);
        Assert.Equal(2, back.DequeueCount);
        await new EpisodeRunner(hub.Hub, staleSessions).RunAsync(id, [await CopyAsync(hub, control, back)], CancellationToken.None);
        var history = await hub.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Equal(2, history.Events.Count(e => e.Type == EventType.TaskCompleted));
    }

    /// <summary>Plays an activity's part by hand: takes its work item and reports its completion.</summary>
    private static async Task CompleteNextActivityAsync(TestHub hub, string id, string result)
    {
        QueueMessage workItem = (await hub.Hub.Storage.WorkItems.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value.Single();
        var scheduled = await hub.Hub.Codec.DecodeAsync(workItem.Body.ToString(), CancellationToken.None);
        await hub.Hub.Storage.WorkItems.DeleteMessageAsync(workItem.MessageId, workItem.PopReceipt);
        await hub.SendAsync(id, scheduled.ExecutionId, new HistoryEvent
        {
            Type = EventType.TaskCompleted,
            TaskScheduledId = scheduled.Event.EventId,
            Data = result,
            Timestamp = hub.Hub.Time.GetUtcNow(),
        });
    }

    private static async Task<QueueMessage> ReceiveOneAsync(QueueClient queue) =>
        (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value.Single();

    /// <summary>Each dispatcher gets its own handle on the one dequeued message, as two processes would.</summary>
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

    private sealed class PauseBeforeCommit : IDispatchHooks
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task OnAsync(CrashPoint point, string instanceId)
        {
            if (point == CrashPoint.BeforeCommit)
            {
                Reached.TrySetResult();
                await Release.Task;
            }
        }
    }
}
