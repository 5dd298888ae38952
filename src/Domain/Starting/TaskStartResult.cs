namespace Courier.Domain.Starting;

/// <summary>The outcome of asking for one task to start.</summary>
public sealed record TaskStartResult(TaskStartStatus Status, string? RunId);
