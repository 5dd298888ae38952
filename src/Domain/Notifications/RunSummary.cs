namespace Courier.Domain.Notifications;

/// <summary>What notifications say about a run; also the webhook's JSON body.</summary>
public sealed record RunSummary(string TaskId, string TaskName, string RunId, RunOutcome Outcome, DateTimeOffset StartedAt, DateTimeOffset CompletedAt)
{
    public IReadOnlyList<string> Files { get; init; } = [];

    public long? RowCount { get; init; }

    public string? Error { get; init; }
}
