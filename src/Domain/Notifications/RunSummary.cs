using Courier.Domain.Pipeline.Storage;

namespace Courier.Domain.Notifications;

/// <summary>What notifications say about a run; the webhook's JSON body is built from it.</summary>
public sealed record RunSummary(string TaskId, string TaskName, string RunId, RunOutcome Outcome, DateTimeOffset StartedAt, DateTimeOffset CompletedAt)
{
    /// <summary>The produced files' names, as templates and the webhook show them.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>The produced files as stored, for notifications that attach them (never sent to the webhook).</summary>
    public IReadOnlyList<RunFile> StoredFiles { get; init; } = [];

    public long? RowCount { get; init; }

    public string? Error { get; init; }
}
