namespace Courier.Domain.Runs;

/// <summary>Which runs a list shows; every part is optional and they combine with "and".</summary>
public sealed record RunFilter
{
    public Guid? TaskId { get; init; }

    public Guid? ProjectId { get; init; }

    public RunStatus? Status { get; init; }

    /// <summary>Runs created at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Runs created before this time.</summary>
    public DateTimeOffset? To { get; init; }
}
