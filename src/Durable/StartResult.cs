namespace Courier.Durable;

/// <summary>The outcome of a start: created, or left alone because the instance already existed.</summary>
public sealed record StartResult(string InstanceId, bool Created, OrchestrationRuntimeStatus? ExistingStatus);
