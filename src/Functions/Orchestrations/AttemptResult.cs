using Courier.Domain.Pipeline.Storage;
using Courier.Domain.Runs;

namespace Courier.Functions.Orchestrations;

/// <summary>How one attempt of a run went, and the files it produced (for notifications).</summary>
public sealed record AttemptResult(RunStatus Status, string Reason, IReadOnlyList<RunFile> Files);
