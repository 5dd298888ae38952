using Courier.Domain.Model;

namespace Courier.Domain.Validation;

/// <summary>Rules for the schedules of tasks and projects.</summary>
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

            switch (s.Kind)
            {
                case ScheduleKind.Cron when CronRule.Check(s.Cron) is { } rule:
                    item.Add("cron", rule);
                    break;
                case ScheduleKind.Interval when s.Interval is not { } interval || interval < TimeSpan.FromSeconds(1):
                    item.Add("interval", "is required for an interval schedule and must be at least one second");
                    break;
                case ScheduleKind.Once when s.At is null:
                    item.Add("at", "is required for a once schedule");
                    break;
                default:
                    break;
            }

            if (s.Kind != ScheduleKind.Cron && s.Cron is not null)
            {
                item.Add("cron", "applies only to cron schedules");
            }

            if (TimeZoneRule.Check(s.TimeZone) is { } zoneRule)
            {
                item.Add("timeZone", zoneRule);
            }

            if (s.Start is { } start && s.End is { } end && end <= start)
            {
                item.Add("end", "must be after start");
            }
        }
    }
}
