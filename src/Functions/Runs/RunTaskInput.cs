using Courier.Domain.Starting;

namespace Courier.Functions.Runs;

/// <summary>What a run orchestration starts from: which task, which run, and who asked.</summary>
public sealed record RunTaskInput(string RunId, Guid TaskId, string TriggerKind, string TriggeredBy)
{
    /// <summary>The blob whose arrival started the run; it becomes the source of the task's reports on its connection.</summary>
    public BlobArrival? Arrival { get; init; }

    /// <summary>The run this one repeats (a rerun).</summary>
    public string? RerunOf { get; init; }
}
