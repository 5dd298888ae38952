using Courier.Domain.Model;

namespace Courier.Domain.Scheduling;

/// <summary>
/// The schedules a host fires, with what each last fired and when it is next due. Pure (no clock, no
/// I/O), so the ticker stays thin and a simulated day can be replayed in a benchmark. Between catalog
/// refreshes a tick costs one comparison per schedule: only due schedules compute occurrences.
/// </summary>
public sealed class ScheduleBook<TOwner>
    where TOwner : class
{
    private Dictionary<Guid, Entry> _entries = [];

    public int Count => _entries.Count;

    /// <summary>Whether the book already tracks this schedule (its fired state need not be read from storage).</summary>
    public bool Knows(Guid scheduleId) => _entries.ContainsKey(scheduleId);

    /// <summary>
    /// Replaces the schedules with a fresh read of the catalog. A known schedule keeps the occurrence it
    /// last fired; its next due instant is kept only when its definition is unchanged (a reschedule recomputes).
    /// </summary>
    public void Replace(IEnumerable<ScheduleSlot<TOwner>> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var fresh = new Dictionary<Guid, Entry>();
        foreach (var slot in slots)
        {
            var known = _entries.GetValueOrDefault(slot.Schedule.Id);
            fresh[slot.Schedule.Id] = new Entry(slot.Owner, slot.Schedule, slot.Calendar)
            {
                LastFired = known is not null ? known.LastFired : slot.LastFired,
                NextDue = known?.Schedule == slot.Schedule ? known.NextDue : null,
            };
        }
        _entries = fresh;
    }

    /// <summary>
    /// The occurrences due at <paramref name="now"/>, oldest first per schedule, thinned by each schedule's
    /// catch-up policy; they count as fired once returned.
    /// </summary>
    public IReadOnlyList<ScheduleFire<TOwner>> Due(DateTimeOffset now, TimeSpan grace)
    {
        List<ScheduleFire<TOwner>>? fires = null;
        foreach (var entry in _entries.Values)
        {
            if (entry.NextDue is { } due && due > now)
            {
                continue;
            }
            foreach (var occurrence in DueOccurrences.Compute(entry.Calendar, entry.LastFired, now, grace))
            {
                (fires ??= []).Add(new ScheduleFire<TOwner>(entry.Owner, entry.Schedule, occurrence));
                entry.LastFired = occurrence;
            }
            // Everything up to now is decided: nothing before the next occurrence after now can be due.
            entry.LastFired ??= now;
            entry.NextDue = entry.Calendar.NextAfter(now) ?? DateTimeOffset.MaxValue;
        }
        return fires ?? (IReadOnlyList<ScheduleFire<TOwner>>)[];
    }

    private sealed class Entry(TOwner owner, Schedule schedule, ScheduleCalendar calendar)
    {
        public TOwner Owner { get; } = owner;

        public Schedule Schedule { get; } = schedule;

        public ScheduleCalendar Calendar { get; } = calendar;

        public DateTimeOffset? LastFired { get; set; }

        public DateTimeOffset? NextDue { get; set; }
    }
}
