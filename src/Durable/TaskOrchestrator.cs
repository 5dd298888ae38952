namespace Courier.Durable;

/// <summary>
/// Base class of an orchestrator. <see cref="RunAsync"/> is replayed from history, so it must be
/// deterministic: use the context for time, GUIDs, waiting and I/O.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
