using Courier.Domain.Runs;

namespace Courier.Functions.Runs;

/// <summary>One task's part in a project run.</summary>
public sealed record ProjectTaskOutcome(Guid TaskId, string TaskName, string RunId, RunStatus Status, string Reason);
