namespace Courier.Durable;

/// <summary>The untyped view of an activity the dispatcher calls.</summary>
internal interface ITaskActivity
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
