using Azure.Storage.Queues.Models;
using Courier.Durable.Dispatch;
using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>Acceptance 4: two dispatchers forced onto one instance; exactly one commit wins and the loser sends nothing.</summary>
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
        QueueMessage raw = (await control.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value.Single();
        ReceivedMessage Copy() => new()
        {
            Queue = control,
            MessageId = raw.MessageId,
            PopReceipt = raw.PopReceipt,
            DequeueCount = raw.DequeueCount,
            Body = raw.Body.ToString(),
            Message = hub.Hub.Codec.DecodeAsync(raw.Body.ToString(), CancellationToken.None).Result,
        };

        var paused = new PauseBeforeCommit();
        var loserHub = new HubContext(hub.Hub.Options, hub.Hub.Registry, hub.Hub.Services, hub.Hub.Time, hub.Hub.LoggerFactory, paused);
        var loser = new EpisodeRunner(loserHub, new SessionCache());
        var winner = new EpisodeRunner(hub.Hub, new SessionCache());

        var loserRun = loser.RunAsync(id, [Copy()], CancellationToken.None);
        await paused.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await winner.RunAsync(id, [Copy()], CancellationToken.None);
        paused.Release.SetResult();
        await loserRun;

        var history = await hub.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Single(history.Events, e => e.Type == EventType.TaskScheduled);
        Assert.Equal(1, history.Checkpoint);
        var workItems = (await hub.Hub.Storage.WorkItems.PeekMessagesAsync(32)).Value;
        Assert.Single(workItems);
        Assert.Empty(history.OutboxRowKeys);
    }

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
