using Courier.Domain.Runs;

namespace Courier.Functions.Runs;

/// <summary>How a run ended: the orchestration's output.</summary>
public sealed record RunResult(RunStatus Status, string Reason, int Attempts);
