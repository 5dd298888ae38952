using Courier.Domain.Model;

namespace Courier.Domain.Scheduling;

/// <summary>A schedule as read from the catalog, with the last occurrence storage says it fired (null: never).</summary>
public sealed record ScheduleSlot<TOwner>(TOwner Owner, Schedule Schedule, ScheduleCalendar Calendar, DateTimeOffset? LastFired);
