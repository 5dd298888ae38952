using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>Acceptance 6, the control-queue side: an unreadable message that names its instance fails that instance.</summary>
[Collection(SharedAzurite.Name)]
public sealed class UnreadableMessageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_unreadable_message_for_a_running_instance_is_poisoned_and_the_instance_fails_saying_why()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, o => o.StorageProvider.PoisonMessageDequeueCount = 2);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForApproval), "x");
        var running = await hub.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        // Names its instance and execution, but its event is not an event.
        var body = $"{{\"instanceId\":\"{id}\",\"executionId\":\"{running.ExecutionId}\",\"event\":\"approved\"}}";
        await hub.Hub.Storage.ControlQueueFor(id).SendMessageAsync(body);

        var failed = await hub.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal("PoisonMessage", failed.FailureDetails!.ErrorType);
        Assert.Contains("moved to the poison queue", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(body, Assert.Single((await hub.Hub.Storage.Poison.PeekMessagesAsync(32)).Value).Body.ToString());
        var history = await hub.HistoryAsync(id);
        Assert.True(history.IsTerminal);
    }

    [Fact]
    public async Task An_unreadable_message_for_another_execution_leaves_the_current_one_running()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, o => o.StorageProvider.PoisonMessageDequeueCount = 2);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForApproval), "x");
        await hub.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        var body = $"{{\"instanceId\":\"{id}\",\"executionId\":\"an-older-execution\",\"event\":\"approved\"}}";
        await hub.Hub.Storage.ControlQueueFor(id).SendMessageAsync(body);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await hub.Hub.Storage.Poison.PeekMessagesAsync(1, deadline.Token)).Value.Length == 0)
        {
            await Task.Delay(100, deadline.Token);
        }
        // The failure it caused was sent before the poison copy; once nothing is visible it has been taken
        // (the instance's one-hour timer stays invisible in the queue, so the queue never drains).
        while ((await hub.Hub.Storage.ControlQueueFor(id).PeekMessagesAsync(1, deadline.Token)).Value.Length > 0)
        {
            await Task.Delay(100, deadline.Token);
        }

        await hub.Client.RaiseEventAsync(id, "approval", "yes");

        var done = await hub.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("yes", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_unreadable_message_for_an_instance_not_started_yet_fails_it_without_running_it()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString, o => o.StorageProvider.PoisonMessageDequeueCount = 2);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitsForApproval), "x",
            new StartOrchestrationOptions { StartAt = hub.Hub.Time.GetUtcNow().AddHours(1) });
        await hub.Hub.Storage.ControlQueueFor(id).SendMessageAsync($"{{\"instanceId\":\"{id}\",\"event\":[]}}");

        var failed = await hub.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Failed, seconds: 60);

        Assert.Equal("PoisonMessage", failed.FailureDetails!.ErrorType);
        Assert.Empty((await hub.HistoryAsync(id)).Events);
    }
}
