namespace Courier.Durable.Execution;

/// <summary>The kinds of history event (a subset of Durable Task's, same meanings).</summary>
internal enum EventType
{
    ExecutionStarted,
    OrchestratorStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubOrchestrationInstanceCreated,
    SubOrchestrationInstanceCompleted,
    SubOrchestrationInstanceFailed,
    EventRaised,
    ExecutionCompleted,
    ExecutionTerminated,
}
