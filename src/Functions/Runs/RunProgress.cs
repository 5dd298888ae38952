using Courier.Domain.Runs;

namespace Courier.Functions.Runs;

/// <summary>A run's state change as the orchestration asks for it to be recorded.</summary>
public sealed record RunProgress(RunTaskInput Run, int Attempt, RunStatus Status, string Reason, DateTimeOffset? NextAttemptAt = null);
