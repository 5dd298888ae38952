using Courier.Domain.Model;

namespace Courier.Functions.Runs;

/// <summary>A run that ended with <paramref name="Outcome"/>: what dependent tasks are started from.</summary>
public sealed record FinishedRun(RunTaskInput Run, RunOutcome Outcome);
