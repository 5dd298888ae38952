namespace Courier.Durable;

/// <summary>One start of a batch (<c>DurableTaskClient.TryScheduleNewOrchestrationInstancesAsync</c>).</summary>
public sealed record NewOrchestration(string Name, object? Input, StartOrchestrationOptions? Options = null);
