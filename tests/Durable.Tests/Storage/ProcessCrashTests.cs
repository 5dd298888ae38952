using Courier.Durable.Dispatch;
using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>
/// Acceptance 2, 3 and 6 with real process deaths: a worker process kills itself (SIGKILL) at a
/// crash point, a clean worker takes over, and the instance still completes exactly once.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class ProcessCrashTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(nameof(CrashPoint.AfterCommit))]
    [InlineData(nameof(CrashPoint.AfterSend))]
    [InlineData(nameof(CrashPoint.AfterOutboxDelete))]
    [InlineData(nameof(CrashPoint.AfterInstanceUpdate))]
    [InlineData(nameof(CrashPoint.AfterMessageDelete))]
    public async Task A_worker_killed_after_each_episode_step_is_replaced_and_the_instance_completes_once(string crashPoint)
    {
        await using var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(HelloSequence), "c", new StartOrchestrationOptions { InstanceId = $"crash:{crashPoint}" });

        await using (var doomed = await WorkerProcess.StartAsync(azurite.ConnectionString, client.HubName, new Dictionary<string, string>
        {
            ["COURIER_DURABLE_CRASH_AT"] = crashPoint,
            ["COURIER_DURABLE_CRASH_SKIP"] = "1",
        }))
        {
            await WorkerProcess.WaitForExitAsync(doomed);
        }
        var interrupted = await client.HistoryAsync(id);
        Assert.NotEmpty(interrupted.Events);

        await using var clean = await WorkerProcess.StartAsync(azurite.ConnectionString, client.HubName);
        var done = await client.WaitAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello c-1,Hello c-2,Hello c-3", done.ReadOutputAs<string>());
        await client.WaitForControlQueueDrainedAsync(id);
        var history = await client.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Equal(3, history.Events.Count(e => e.Type == EventType.TaskCompleted));
        Assert.Single(history.Events, e => e.Type == EventType.ExecutionCompleted);
        Assert.Empty(history.OutboxRowKeys);
    }

    [Fact]
    public async Task A_worker_killed_mid_activity_reruns_it_with_the_same_idempotency_key_and_one_result_arrives()
    {
        await using var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RecordOnce), "x");
        await using (var doomed = await WorkerProcess.StartAsync(azurite.ConnectionString, client.HubName, new Dictionary<string, string> { ["COURIER_DURABLE_KILL_IN_ACTIVITY"] = "1" }))
        {
            await WorkerProcess.WaitForExitAsync(doomed);
        }
        Assert.Single(await client.Effects.ReadKeysAsync(CancellationToken.None));

        await using var clean = await WorkerProcess.StartAsync(azurite.ConnectionString, client.HubName);
        var done = await client.WaitAsync(id);
        var keys = await client.Effects.ReadKeysAsync(CancellationToken.None);
        Assert.Equal(2, keys.Count);
        Assert.Single(keys.Distinct());
        Assert.StartsWith($"{id}:{done.ExecutionId}:0", keys[0], StringComparison.Ordinal);
        Assert.Equal($"{keys[0]}|Hello after", done.ReadOutputAs<string>());
        var history = await client.HistoryAsync(id);
        HistoryAssert.NoDuplicates(history.Events);
        Assert.Single(history.Events, e => e.Type == EventType.TaskCompleted && e.TaskScheduledId == 0);
    }

    [Fact]
    public async Task An_activity_that_kills_its_process_every_time_ends_as_a_non_retriable_poison_failure()
    {
        await using var client = await TestHub.StartAsync(azurite.ConnectionString, o => o.EnableWorker = false);
        var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CallsPoison), "p");
        var environment = new Dictionary<string, string> { ["COURIER_DURABLE_POISON_AFTER"] = "2" };
        for (var run = 0; run < 8 && (await client.Client.GetInstanceAsync(id))?.IsCompleted != true; run++)
        {
            await using var worker = await WorkerProcess.StartAsync(azurite.ConnectionString, client.HubName, environment);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!worker.HasExited && (await client.Client.GetInstanceAsync(id, false, deadline.Token))?.IsCompleted != true)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
        var done = await client.WaitAsync(id, 5);
        Assert.Equal("PoisonMessage|True", done.ReadOutputAs<string>());
        Assert.Equal(2, (await client.Effects.ReadKeysAsync(CancellationToken.None)).Count);
        var poisoned = (await client.Hub.Storage.Poison.PeekMessagesAsync(32)).Value;
        // The work item is there; the start message may be too, redelivered by the crashes after its episode committed.
        Assert.Single(poisoned, m => m.Body.ToString().Contains($"\"name\":\"{nameof(KillsProcess)}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreadable_control_message_moves_to_the_poison_queue_after_N_dequeues()
    {
        await using var hub = await TestHub.StartAsync(azurite.ConnectionString);
        var control = hub.Hub.Storage.ControlQueues[0];
        await control.SendMessageAsync("this is not a task message {");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await hub.Hub.Storage.Poison.PeekMessagesAsync(1, deadline.Token)).Value.Length == 0)
        {
            await Task.Delay(100, deadline.Token);
        }
        var poisoned = (await hub.Hub.Storage.Poison.PeekMessagesAsync(32)).Value;
        Assert.Equal("this is not a task message {", Assert.Single(poisoned).Body.ToString());
        Assert.Equal(0, (await control.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
