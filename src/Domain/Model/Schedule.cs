namespace Courier.Domain.Model;

/// <summary>
/// When a task (or a whole project) starts by itself. Each occurrence starts instance
/// <c>sched:{id}:{occurrence}</c> exactly once, whatever the number of hosts.
/// </summary>
public sealed record Schedule
{
    /// <summary>Assigned on creation when empty.</summary>
    public Guid Id { get; init; }

    public required ScheduleKind Kind { get; init; }

    /// <summary>Cron expression for <see cref="ScheduleKind.Cron"/>: 5 fields, or 6 with seconds first.</summary>
    public string? Cron { get; init; }

    /// <summary>Interval for <see cref="ScheduleKind.Interval"/>, counted from <see cref="Start"/>.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>The instant of a <see cref="ScheduleKind.Once"/> schedule.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>IANA time zone the cron expression and file-name dates are evaluated in.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>No occurrence before this instant.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>No occurrence after this instant.</summary>
    public DateTimeOffset? End { get; init; }

    public CatchUpPolicy CatchUp { get; init; } = CatchUpPolicy.Skip;

    public bool Enabled { get; init; } = true;
}
