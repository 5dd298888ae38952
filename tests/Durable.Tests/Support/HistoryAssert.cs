using Courier.Durable.Execution;

namespace Courier.Durable.Tests.Support;

/// <summary>Checks that a history is well formed: one start, no event applied twice, one completion.</summary>
internal static class HistoryAssert
{
    public static void NoDuplicates(IReadOnlyList<HistoryEvent> events)
    {
        Assert.Equal(EventType.OrchestratorStarted, events[0].Type);
        Assert.Equal(EventType.ExecutionStarted, events[1].Type);
        Assert.Single(events, e => e.Type == EventType.ExecutionStarted);
        Assert.True(events.Count(e => e.Type is EventType.ExecutionCompleted or EventType.ExecutionTerminated) <= 1);
        var scheduled = events.Where(e => e.Type is EventType.TaskScheduled or EventType.TimerCreated or EventType.SubOrchestrationInstanceCreated).Select(e => e.EventId).ToList();
        Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
        var completed = events.Where(e => e.TaskScheduledId >= 0).Select(e => e.TaskScheduledId).ToList();
        Assert.Equal(completed.Count, completed.Distinct().Count());
        Assert.All(completed, id => Assert.Contains(id, scheduled));
        var raised = events.Where(e => e.EventMessageId is not null).Select(e => e.EventMessageId).ToList();
        Assert.Equal(raised.Count, raised.Distinct().Count());
    }
}
