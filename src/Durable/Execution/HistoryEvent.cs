namespace Courier.Durable.Execution;

/// <summary>
/// One event of an instance's history, also the payload of every queue message. A flat shape keeps
/// storage simple: each type uses the fields it needs, the rest stay null.
/// </summary>
internal sealed record HistoryEvent
{
    public required EventType Type { get; init; }

    /// <summary>The scheduling id of TaskScheduled, TimerCreated and SubOrchestrationInstanceCreated.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>For completions and TimerFired: the EventId of the event they complete.</summary>
    public int TaskScheduledId { get; init; } = -1;

    /// <summary>Orchestrator, activity or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Serialized input, result or event payload.</summary>
    public string? Data { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public DateTimeOffset? FireAt { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    /// <summary>ExecutionStarted: the execution it starts. SubOrchestrationInstanceCreated: the child's execution.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>SubOrchestrationInstanceCreated: the child's instance id.</summary>
    public string? InstanceId { get; init; }

    /// <summary>EventRaised: a sender-generated id that makes a redelivered event recognisable.</summary>
    public string? EventMessageId { get; init; }

    /// <summary>ExecutionStarted of a sub-orchestration: whom to notify on completion.</summary>
    public ParentInstance? Parent { get; init; }

    /// <summary>ExecutionCompleted: the final status.</summary>
    public OrchestrationRuntimeStatus? Status { get; init; }

    /// <summary>ExecutionStarted after ContinueAsNew: events carried over from the previous execution.</summary>
    public IReadOnlyList<HistoryEvent>? CarriedEvents { get; init; }
}
