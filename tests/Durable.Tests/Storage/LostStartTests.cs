using Courier.Durable.Dispatch;
using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>
/// A process that dies between writing a start's Pending row and sending its message: the row alone
/// would block every retry of that start (dedupe) and never run. The sweeper starts it once.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class LostStartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_start_whose_message_was_lost_is_sent_again_and_runs_once()
    {
        var hubName = UniqueName.For("lost");
        string id;
        await using (var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false, hubName: hubName))
        {
            id = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "lost");
            // The message never made it: exactly what a crash after the row insert leaves behind.
            foreach (var queue in client.Hub.Storage.ControlQueues)
            {
                await queue.ClearMessagesAsync();
            }
        }

        await using var worker = await TestHub.StartAsync(
            azurite.ConnectionString, o => o.StorageProvider.LostStartAfter = TimeSpan.FromSeconds(2), hubName: hubName);
        var done = await worker.WaitAsync(id, seconds: 60);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var history = await worker.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Single(history.Events, e => e.Type == EventType.ExecutionStarted);
        Assert.NotNull((await worker.Hub.Instances.GetRowAsync(id, CancellationToken.None))!.GetDateTimeOffset("StartResentAt"));
    }

    [Fact]
    public async Task A_start_still_waiting_in_its_queue_is_left_alone()
    {
        // No worker: the start message waits in its control queue, as behind a long backlog.
        await using var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "slow");
        await Task.Delay(TimeSpan.FromSeconds(2));

        await new LostStartSweeper(client.Hub).SweepAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        var waiting = await client.Hub.Storage.ControlQueueFor(id).PeekMessagesAsync(32);
        Assert.Single(waiting.Value);
        Assert.Null((await client.Hub.Instances.GetRowAsync(id, CancellationToken.None))!.GetDateTimeOffset("StartResentAt"));
    }
}
