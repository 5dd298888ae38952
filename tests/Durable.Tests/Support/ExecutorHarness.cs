using Courier.Durable.Execution;
using Microsoft.Extensions.Logging.Abstractions;

namespace Courier.Durable.Tests.Support;

/// <summary>
/// Drives the pure executor the way the dispatcher does (history + new events → new events), with
/// a hand-moved clock, so replay behaviour is tested without storage.
/// </summary>
internal sealed class ExecutorHarness(Func<ITaskOrchestrator> create, string name = "Test", string instanceId = "instance-1")
{
    public List<HistoryEvent> History { get; } = [];

    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public ExecutionResult Start(object? input) =>
        Run(new HistoryEvent { Type = EventType.ExecutionStarted, Name = name, Data = DurableJson.Serialize(input), ExecutionId = "exec-1", Timestamp = Now });

    public ExecutionResult Run(params HistoryEvent[] newEvents)
    {
        List<HistoryEvent> events = [new HistoryEvent { Type = EventType.OrchestratorStarted, Timestamp = Now }, .. newEvents];
        var result = OrchestrationExecutor.Execute(create(), instanceId, History, events, NullLoggerFactory.Instance);
        History.AddRange(result.NewEvents);
        return result;
    }

    /// <summary>Replays the whole history with no new events (what a fresh worker does after a crash).</summary>
    public ExecutionResult Replay() => OrchestrationExecutor.Execute(create(), instanceId, History, [], NullLoggerFactory.Instance);

    public static HistoryEvent Completed(int id, object? result) =>
        new() { Type = EventType.TaskCompleted, TaskScheduledId = id, Data = DurableJson.Serialize(result) };

    public static HistoryEvent Failed(int id, TaskFailureDetails failure) =>
        new() { Type = EventType.TaskFailed, TaskScheduledId = id, Failure = failure };

    public static HistoryEvent TimerFired(int id) => new() { Type = EventType.TimerFired, TaskScheduledId = id };

    public static HistoryEvent Raised(string name, object? payload) =>
        new() { Type = EventType.EventRaised, Name = name, Data = DurableJson.Serialize(payload), EventMessageId = Guid.NewGuid().ToString("N") };

    public IEnumerable<HistoryEvent> Scheduled(EventType type) => History.Where(e => e.Type == type);
}
