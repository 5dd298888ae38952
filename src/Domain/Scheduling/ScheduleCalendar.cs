using Courier.Domain.Model;
using Cronos;

namespace Courier.Domain.Scheduling;

/// <summary>
/// Turns a <see cref="Schedule"/> into occurrences. Cron times are local to the schedule's IANA
/// zone and Cronos applies the DST rules: a local time that does not exist (spring forward) fires at
/// the first valid instant after it, and a fixed local time that happens twice (fall back) fires once.
/// </summary>
public sealed class ScheduleCalendar
{
    private readonly Schedule _schedule;
    private readonly CronExpression? _cron;
    private readonly TimeZoneInfo _zone;

    private ScheduleCalendar(Schedule schedule, CronExpression? cron, TimeZoneInfo zone)
    {
        _schedule = schedule;
        _cron = cron;
        _zone = zone;
    }

    public Schedule Schedule => _schedule;

    /// <summary>Checks the schedule; throws <see cref="ScheduleException"/> naming the field at fault.</summary>
    public static ScheduleCalendar For(Schedule schedule)
    {
        var zone = ParseZone(schedule.TimeZone);
        CronExpression? cron = null;
        switch (schedule.Kind)
        {
            case ScheduleKind.Cron:
                cron = ParseCron(schedule.Cron);
                break;
            case ScheduleKind.Interval when schedule.Every is not { } every || every < TimeSpan.FromSeconds(1):
                throw new ScheduleException("every", "An interval schedule needs an interval of at least one second.");
            case ScheduleKind.Once when schedule.At is null:
                throw new ScheduleException("at", "A one-off schedule needs the instant to run at.");
        }
        if (schedule.StartsAt is { } start && schedule.EndsAt is { } end && end <= start)
        {
            throw new ScheduleException("endsAt", "The end of the schedule window must be after its start.");
        }
        return new ScheduleCalendar(schedule, cron, zone);
    }

    /// <summary>Checks a cron expression without building a calendar (5 fields, or 6 with seconds).</summary>
    public static CronExpression ParseCron(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new ScheduleException("cron", "A cron schedule needs a cron expression.");
        }
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            return CronExpression.Parse(expression, format);
        }
        catch (CronFormatException e)
        {
            throw new ScheduleException("cron", $"'{expression}' is not a valid cron expression ({fields} fields): {e.Message}");
        }
    }

    public static TimeZoneInfo ParseZone(string zoneId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ScheduleException("timeZone", $"'{zoneId}' is not a known IANA time zone.");
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        if (_schedule.StartsAt is { } start && after < start)
        {
            // The window opens at StartsAt: an occurrence exactly at the start counts.
            after = start.AddTicks(-1);
        }
        var next = _schedule.Kind switch
        {
            ScheduleKind.Cron => NextCron(after),
            ScheduleKind.Interval => NextInterval(after),
            _ => _schedule.At > after ? _schedule.At : null,
        };
        return next is { } n && (_schedule.EndsAt is not { } end || n <= end) ? n : null;
    }

    /// <summary>Occurrences in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>], oldest first.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset fromExclusive, DateTimeOffset toInclusive)
    {
        for (var next = NextAfter(fromExclusive); next is { } n && n <= toInclusive; next = NextAfter(n))
        {
            yield return n;
        }
    }

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="after"/> (a preview for users).</summary>
    public IReadOnlyList<DateTimeOffset> Preview(DateTimeOffset after, int count)
    {
        var list = new List<DateTimeOffset>(count);
        for (var next = NextAfter(after); next is { } n && list.Count < count; next = NextAfter(n))
        {
            list.Add(n);
        }
        return list;
    }

    private DateTimeOffset? NextCron(DateTimeOffset after)
    {
        var next = _cron!.GetNextOccurrence(after.UtcDateTime, _zone, inclusive: false);
        return next is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
    }

    private DateTimeOffset? NextInterval(DateTimeOffset after)
    {
        // Occurrences are anchored at the window start (or the Unix epoch) so every host computes the same ones.
        var anchor = _schedule.StartsAt ?? DateTimeOffset.UnixEpoch;
        var every = _schedule.Every!.Value;
        if (after < anchor)
        {
            return anchor;
        }
        var elapsed = (after - anchor).Ticks / every.Ticks;
        return anchor + TimeSpan.FromTicks((elapsed + 1) * every.Ticks);
    }
}
