using Courier.Domain.Model;

namespace Courier.Domain.Scheduling;

/// <summary>One occurrence to start now: whose schedule, when it was due, and the run id every host uses for it.</summary>
public sealed record ScheduleFire<TOwner>(TOwner Owner, Schedule Schedule, DateTimeOffset Occurrence)
{
    public string RunId => ScheduleInstanceId.For(Schedule.Id.ToString("D"), Occurrence);
}
