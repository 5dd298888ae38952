namespace Courier.Durable;

/// <summary>The untyped view of an orchestrator the executor replays.</summary>
internal interface ITaskOrchestrator
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
