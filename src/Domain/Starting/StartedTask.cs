namespace Courier.Domain.Starting;

/// <summary>The final outcome for one selected task.</summary>
public sealed record StartedTask(PlannedTask Planned, TaskStartStatus Status, string? RunId, string? Reason);
