using Courier.Durable.Execution;
using Courier.Durable.Tests.Support;
using Courier.Durable.Worker;
using Courier.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>
/// Acceptance 7 under a fake clock: timer messages carry FireAt and are re-delayed while the
/// injected clock says it is early, so the test moves time and real queues follow.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class FakeClockTests(AzuriteFixture azurite)
{
    private static Task<TestHub> StartAsync(AzuriteFixture azurite, FakeTimeProvider clock) =>
        TestHub.StartAsync(azurite.ConnectionString, o => o.StorageProvider.MaxTimerHop = TimeSpan.FromMilliseconds(200), clock);

    [Fact]
    public async Task Retry_policy_3_attempts_1s_x2_waits_1s_then_2s_on_the_fake_clock_and_then_fails()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var hub = await StartAsync(azurite, clock);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetriesThenFails), "x");

        var delays = new List<TimeSpan>();
        for (var wait = 1; wait <= 2; wait++)
        {
            var history = await hub.WaitForHistoryAsync(id, events => events.Count(e => e.Type == EventType.TimerCreated) == wait);
            var timer = history.Events.Last(e => e.Type == EventType.TimerCreated);
            var failedAt = EpisodeTimeOf(history.Events, history.Events.Last(e => e.Type == EventType.TaskFailed));
            delays.Add(timer.FireAt!.Value - failedAt);
            Assert.DoesNotContain(history.Events, e => e.Type == EventType.TimerFired && e.TaskScheduledId == timer.EventId);
            clock.SetUtcNow(timer.FireAt.Value);
        }

        var done = await hub.WaitAsync(id);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], delays);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.FailureDetails!.InnerFailure!.ErrorType);
        Assert.Equal(typeof(TimeoutException).FullName, done.FailureDetails.InnerFailure.InnerFailure!.ErrorType);
        var final = await hub.HistoryAsync(id);
        Assert.Equal(3, final.Events.Count(e => e.Type == EventType.TaskScheduled));
        AssertNoTimerFiredEarly(final.Events);
    }

    [Fact]
    public async Task A_ten_day_timer_fires_when_the_clock_reaches_it_and_not_before()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var hub = await StartAsync(azurite, clock);
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(nameof(LongTimer), 10);
        var history = await hub.WaitForHistoryAsync(id, events => events.Any(e => e.Type == EventType.TimerCreated));
        var timer = history.Events.Single(e => e.Type == EventType.TimerCreated);
        Assert.Equal(clock.GetUtcNow().AddDays(10), timer.FireAt);

        clock.Advance(TimeSpan.FromDays(9));
        clock.Advance(TimeSpan.FromDays(1));
        var done = await hub.WaitAsync(id);
        Assert.Equal("fired on time", done.ReadOutputAs<string>());
        AssertNoTimerFiredEarly((await hub.HistoryAsync(id)).Events);
    }

    private static void AssertNoTimerFiredEarly(IReadOnlyList<HistoryEvent> events)
    {
        var created = events.Where(e => e.Type == EventType.TimerCreated).ToDictionary(e => e.EventId);
        var fired = events.Where(e => e.Type == EventType.TimerFired).ToList();
        Assert.NotEmpty(fired);
        Assert.All(fired, f => Assert.True(EpisodeTimeOf(events, f) >= created[f.TaskScheduledId].FireAt));
    }

    /// <summary>The clock reading of the episode that applied an event (its preceding OrchestratorStarted).</summary>
    private static DateTimeOffset EpisodeTimeOf(IReadOnlyList<HistoryEvent> events, HistoryEvent e)
    {
        var index = events.ToList().IndexOf(e);
        return events.Take(index).Last(x => x.Type == EventType.OrchestratorStarted).Timestamp;
    }
}
