namespace Courier.Domain.Scheduling;

/// <summary>How a schedule produces occurrences.</summary>
public enum ScheduleKind
{
    /// <summary>A cron expression (5 fields, or 6 with seconds) in the schedule's time zone.</summary>
    Cron,

    /// <summary>Every N minutes/hours/days, counted from the schedule's start.</summary>
    Interval,

    /// <summary>Exactly once, at a given instant.</summary>
    Once,
}
