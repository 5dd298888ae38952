namespace Courier.Domain.Model;

/// <summary>The shape of a schedule.</summary>
public enum ScheduleKind
{
    /// <summary>A cron expression (5 fields, or 6 with seconds) in an IANA time zone.</summary>
    Cron,

    /// <summary>Every fixed interval from the start of the window.</summary>
    Interval,

    /// <summary>Once, at a given instant.</summary>
    Once,
}
