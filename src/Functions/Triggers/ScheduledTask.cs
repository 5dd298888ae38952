using Courier.Domain.Model;
using Courier.Domain.Scheduling;

namespace Courier.Functions.Triggers;

/// <summary>One enabled schedule of one task, with its parsed calendar and when it is next due.</summary>
internal sealed class ScheduledTask(TaskDefinition task, Schedule schedule, ScheduleCalendar calendar)
{
    public TaskDefinition Task { get; } = task;

    public Schedule Schedule { get; } = schedule;

    public ScheduleCalendar Calendar { get; } = calendar;

    public DateTimeOffset? LastFired { get; set; }

    /// <summary>Null until computed; the tick skips the schedule until this instant, so a tick costs a comparison per schedule.</summary>
    public DateTimeOffset? NextDue { get; set; }
}
