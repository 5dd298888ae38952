namespace Courier.Domain.Scheduling;

/// <summary>
/// Decides which occurrences fire on a tick: those after the last one fired, up to now. Occurrences within
/// the grace period are on time and always fire, so a late tick (a pause, a busy host) never loses one;
/// older ones were missed while no host was ticking, and the schedule's catch-up policy decides which of
/// those fire.
/// </summary>
public static class DueOccurrences
{
    /// <param name="lastFired">The last occurrence already started, or null for a new schedule.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="toleranceForNew">The grace period: how far back a new schedule looks, and how late
    /// an occurrence may be seen and still count as on time.</param>
    public static IReadOnlyList<DateTimeOffset> Compute(
        ScheduleCalendar calendar, DateTimeOffset? lastFired, DateTimeOffset now, TimeSpan toleranceForNew)
    {
        var from = lastFired ?? now - toleranceForNew;
        var schedule = calendar.Schedule;
        var limit = schedule.CatchUp == CatchUpPolicy.All ? Math.Max(1, schedule.CatchUpLimit) : 1;

        // The newest `limit` missed occurrences, without materialising a long backlog; then the on-time ones.
        var missed = new Queue<DateTimeOffset>(limit + 1);
        var onTime = new List<DateTimeOffset>();
        foreach (var occurrence in calendar.Between(from, now))
        {
            if (now - occurrence <= toleranceForNew)
            {
                onTime.Add(occurrence);
                continue;
            }
            missed.Enqueue(occurrence);
            if (missed.Count > limit)
            {
                missed.Dequeue();
            }
        }
        return schedule.CatchUp switch
        {
            CatchUpPolicy.None => onTime,
            CatchUpPolicy.Latest => onTime.Count > 0 ? onTime : missed.Count > 0 ? [missed.Last()] : [],
            _ => [.. missed.Concat(onTime).TakeLast(Math.Max(limit, onTime.Count))],
        };
    }
}
