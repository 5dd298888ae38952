namespace Courier.Domain.Scheduling;

/// <summary>
/// Everything needed to compute when a schedule fires. <see cref="Cron"/> is used by
/// <see cref="ScheduleKind.Cron"/>, <see cref="Every"/> by <see cref="ScheduleKind.Interval"/> and
/// <see cref="At"/> by <see cref="ScheduleKind.Once"/>. Occurrences before <see cref="StartsAt"/> or
/// after <see cref="EndsAt"/> never fire.
/// </summary>
public sealed record ScheduleSpec
{
    public required string Id { get; init; }

    public ScheduleKind Kind { get; init; } = ScheduleKind.Cron;

    public string? Cron { get; init; }

    /// <summary>An IANA time zone id; local times in the cron expression are read in it (DST included).</summary>
    public string TimeZone { get; init; } = "UTC";

    public TimeSpan? Every { get; init; }

    public DateTimeOffset? At { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public CatchUpPolicy CatchUp { get; init; } = CatchUpPolicy.Latest;

    /// <summary>The most occurrences <see cref="CatchUpPolicy.All"/> fires after downtime.</summary>
    public int CatchUpLimit { get; init; } = 10;
}
