using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>Acceptance 5: duplicate and stale messages change nothing.</summary>
[Collection(SharedAzurite.Name)]
public sealed class DuplicateDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Duplicate_completion_timer_start_and_event_and_a_stale_execution_message_are_ignored()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Gauntlet), "g");
        var waiting = await hub.WaitForHistoryAsync(id, events => events.Any(e => e.Type == EventType.TimerFired));
        var executionId = waiting.ExecutionId;
        var start = waiting.Start!;
        var timer = waiting.Events.Single(e => e.Type == EventType.TimerCreated);

        await hub.SendAsync(id, executionId, ExecutorHarness.Completed(0, "Hello DUPLICATE"));
        await hub.SendAsync(id, executionId, new HistoryEvent { Type = EventType.TimerFired, TaskScheduledId = timer.EventId, FireAt = timer.FireAt });
        await hub.SendAsync(id, executionId, start);
        await hub.SendAsync(id, "an-older-execution", ExecutorHarness.Raised("go", "STALE"));
        var first = ExecutorHarness.Raised("go", "first");
        await hub.SendAsync(id, null, first);
        await hub.SendAsync(id, null, first);
        await hub.WaitForHistoryAsync(id, events => events.Any(e => e.EventMessageId == first.EventMessageId));
        await hub.WaitForControlQueueDrainedAsync(id);
        await hub.Client.RaiseEventAsync(id, "go", "second");

        var done = await hub.WaitAsync(id);
        Assert.Equal("Hello g|first|second", done.ReadOutputAs<string>());
        await hub.WaitForControlQueueDrainedAsync(id);
        var history = await hub.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Single(history.Events, e => e.Type == EventType.TaskCompleted);
        Assert.Single(history.Events, e => e.Type == EventType.TimerFired);
        Assert.Equal(2, history.Events.Count(e => e.Type == EventType.EventRaised));
    }

    [Fact]
    public async Task Messages_for_a_finished_instance_or_an_old_execution_after_ContinueAsNew_change_nothing()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var first = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Looper), 0);
        var firstExecution = (await hub.Client.GetInstanceAsync(first))!.ExecutionId;
        var done = await hub.WaitAsync(first);
        Assert.NotEqual(firstExecution, done.ExecutionId);
        var before = await hub.HistoryAsync(first);

        // Stale: a completion and an event addressed to the first execution, and a replayed start.
        await hub.SendAsync(first, firstExecution, ExecutorHarness.Completed(0, 99));
        await hub.SendAsync(first, firstExecution, ExecutorHarness.Raised("tick", 1));
        await hub.SendAsync(first, firstExecution, new HistoryEvent { Type = EventType.ExecutionStarted, Name = nameof(Looper), Data = "0", ExecutionId = firstExecution });
        await hub.SendAsync(first, null, ExecutorHarness.Raised("late", 1));
        await hub.WaitForControlQueueDrainedAsync(first);

        var after = await hub.HistoryAsync(first);
        Assert.Equal(before.Events.Count, after.Events.Count);
        Assert.Equal(before.ETag, after.ETag);
        var instance = await hub.Client.GetInstanceAsync(first, true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
        Assert.Equal(3, instance.ReadOutputAs<int>());
    }
}
