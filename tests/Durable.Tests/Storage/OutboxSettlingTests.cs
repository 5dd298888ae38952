using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>
/// A running instance's sent outbox rows wait for its next commit to be deleted; a worker that stops
/// first deletes them itself, so whoever loads the instance next does not send its messages again.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class OutboxSettlingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_stopping_worker_deletes_the_sent_outbox_of_an_instance_still_running()
    {
        string id;
        string hubName;
        await using (var worker = await TestHub.StartAsync(azurite.ConnectionString))
        {
            hubName = worker.HubName;
            id = await worker.Client.ScheduleNewOrchestrationInstanceAsync(nameof(LongTimer), 1);
            await worker.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        }

        await using var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false, hubName: hubName);
        var history = await client.HistoryAsync(id);
        Assert.Single(history.Events, e => e.Type == EventType.TimerCreated);
        Assert.Empty(history.OutboxRowKeys);
        Assert.Empty(history.PendingOutbox);
        // The timer message itself went out (invisible until it is due).
        Assert.Equal(1, (await client.Hub.Storage.ControlQueueFor(id).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
