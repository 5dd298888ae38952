namespace Courier.Domain.Runs;

/// <summary>A start whose task was claimed already, and the run that held the claim when it was read (null: unknown).</summary>
public sealed record HeldStart(NewRun Start, string? HeldBy);
