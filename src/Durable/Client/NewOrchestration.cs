namespace Courier.Durable.Client;

/// <summary>One orchestration instance to start as part of a batch of starts.</summary>
public sealed record NewOrchestration(string Name, object? Input, StartOrchestrationOptions? Options = null);
