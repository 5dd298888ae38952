namespace Courier.Durable;

/// <summary>How many instances a purge removed (0 when missing or not in a terminal state).</summary>
public sealed record PurgeResult(int PurgedInstanceCount);
