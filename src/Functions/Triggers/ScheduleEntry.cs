using Courier.Domain.Model;
using Courier.Domain.Scheduling;

namespace Courier.Functions.Triggers;

/// <summary>
/// One enabled schedule of a task or of a project (<see cref="Owner"/>), with its parsed calendar and
/// when it is next due.
/// </summary>
internal sealed class ScheduleEntry(IResource owner, Schedule schedule, ScheduleCalendar calendar)
{
    /// <summary>The <see cref="TaskDefinition"/> or <see cref="Project"/> the schedule starts.</summary>
    public IResource Owner { get; } = owner;

    public Schedule Schedule { get; } = schedule;

    public ScheduleCalendar Calendar { get; } = calendar;

    public DateTimeOffset? LastFired { get; set; }

    /// <summary>Null until computed; the tick skips the schedule until this instant, so a tick costs a comparison per schedule.</summary>
    public DateTimeOffset? NextDue { get; set; }
}
