namespace Courier.Durable.Execution;

/// <summary>The orchestration that started a sub-orchestration and the task id it waits on.</summary>
internal sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskScheduledId);
