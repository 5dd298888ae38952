namespace Courier.Durable.Execution;

/// <summary>
/// What one episode of the executor produced: the events to append (the new inputs, the scheduling
/// events of new actions, and the completion if any) and the resulting instance state.
/// </summary>
internal sealed record ExecutionResult
{
    public required IReadOnlyList<HistoryEvent> NewEvents { get; init; }

    public required OrchestrationRuntimeStatus Status { get; init; }

    public string? Output { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public string? CustomStatus { get; init; }

    /// <summary>Set when the orchestrator called ContinueAsNew: the next execution's start event.</summary>
    public HistoryEvent? ContinueAsNewStart { get; init; }
}
