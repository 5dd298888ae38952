using Courier.Domain.Scheduling;

namespace Courier.Domain.Model;

/// <summary>
/// When a task (or a whole project) starts by itself; <see cref="Scheduling.ScheduleCalendar"/> turns it
/// into occurrences, and each occurrence starts instance <c>sched:{id}:{occurrence}</c> exactly once,
/// whatever the number of hosts.
/// </summary>
public sealed record Schedule
{
    /// <summary>Assigned on creation when empty.</summary>
    public Guid Id { get; init; }

    public required ScheduleKind Kind { get; init; }

    /// <summary>Cron expression for <see cref="ScheduleKind.Cron"/>: 5 fields, or 6 with seconds first.</summary>
    public string? Cron { get; init; }

    /// <summary>IANA time zone the cron expression (and file-name dates) are evaluated in.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Interval for <see cref="ScheduleKind.Interval"/>, counted from <see cref="StartsAt"/>.</summary>
    public TimeSpan? Every { get; init; }

    /// <summary>The instant of a <see cref="ScheduleKind.Once"/> schedule.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>No occurrence before this instant.</summary>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>No occurrence after this instant.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    public CatchUpPolicy CatchUp { get; init; } = CatchUpPolicy.Latest;

    /// <summary>The most occurrences <see cref="CatchUpPolicy.All"/> fires after downtime.</summary>
    public int CatchUpLimit { get; init; } = 10;

    public bool Enabled { get; init; } = true;
}
