namespace Courier.Domain.Scheduling;

/// <summary>
/// Decides which occurrences fire on a tick: those after the last one fired, up to now, thinned by
/// the schedule's catch-up policy when more than one is due (a host was down, or the first tick).
/// </summary>
public static class DueOccurrences
{
    /// <param name="lastFired">The last occurrence already started, or null for a new schedule.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="toleranceForNew">The grace period: how far back a new schedule looks, and how late
    /// an occurrence may be seen and still count as on time when missed ones are not caught up.</param>
    public static IReadOnlyList<DateTimeOffset> Compute(
        ScheduleCalendar calendar, DateTimeOffset? lastFired, DateTimeOffset now, TimeSpan toleranceForNew)
    {
        var from = lastFired ?? now - toleranceForNew;
        var schedule = calendar.Schedule;
        var limit = schedule.CatchUp == CatchUpPolicy.All ? Math.Max(1, schedule.CatchUpLimit) : 1;

        // Keep only the newest `limit` occurrences without materialising a long backlog.
        var window = new Queue<DateTimeOffset>(limit + 1);
        var count = 0;
        foreach (var occurrence in calendar.Between(from, now))
        {
            window.Enqueue(occurrence);
            count++;
            if (window.Count > limit)
            {
                window.Dequeue();
            }
        }
        if (schedule.CatchUp == CatchUpPolicy.None && count > 0)
        {
            // Missed occurrences are dropped; only one that is due right now (within the grace) still fires.
            var latest = window.Last();
            return now - latest <= toleranceForNew ? [latest] : [];
        }
        return [.. window];
    }
}
