namespace Courier.Domain.Runs;

/// <summary>A run about to start: its record, and whether its task must be claimed (no concurrent runs).</summary>
public sealed record NewRun(RunRecord Record, bool Claim);
