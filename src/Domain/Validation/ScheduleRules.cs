using Courier.Domain.Model;
using Courier.Domain.Scheduling;

namespace Courier.Domain.Validation;

/// <summary>Rules for the schedules of tasks and projects: the scheduler's own checks, plus ids and limits.</summary>
public static class ScheduleRules
{
    public static void Validate(FieldErrors errors, IReadOnlyList<Schedule> schedules)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(schedules);
        var ids = new HashSet<Guid>();
        for (var i = 0; i < schedules.Count; i++)
        {
            var s = schedules[i];
            var item = errors.Item("schedules", i);
            CommonRules.Id(item, "id", s.Id);
            if (!ids.Add(s.Id))
            {
                item.Add("id", "is used by another schedule");
            }

            if (s.Kind == ScheduleKind.Cron && CronRule.Check(s.Cron) is { } cronRule)
            {
                item.Add("cron", cronRule);
            }
            else if (s.Kind != ScheduleKind.Cron && s.Cron is not null)
            {
                item.Add("cron", "applies only to cron schedules");
            }
            else if (TimeZoneRule.Check(s.TimeZone) is { } zoneRule)
            {
                item.Add("timeZone", zoneRule);
            }
            else
            {
                try
                {
                    ScheduleCalendar.For(s);
                }
                catch (ScheduleException e)
                {
                    item.Add(e.Field, e.Message);
                }
            }

            if (s.CatchUpLimit is < 1 or > 1000)
            {
                item.Add("catchUpLimit", "must be between 1 and 1000");
            }
        }
    }
}
