namespace Courier.Domain.Starting;

/// <summary>
/// One distinct task a request selected, every selector that matched it (so callers see why it was
/// picked), and the verdict before starting: null means it will be started.
/// </summary>
public sealed record PlannedTask(StartableTask Task, IReadOnlyList<TaskSelector> MatchedBy, TaskStartStatus? Verdict, string? Reason);
