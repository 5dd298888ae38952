using Courier.Domain.Model;
using Courier.Domain.Scheduling;

namespace Courier.Runs.Tests.Scheduling;

public sealed class DueOccurrencesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 30, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private static ScheduleCalendar Hourly(CatchUpPolicy policy, int limit = 10) => ScheduleCalendar.For(
        new Schedule { Kind = ScheduleKind.Cron, Cron = "0 * * * *", CatchUp = policy, CatchUpLimit = limit });

    [Fact]
    public void Nothing_is_due_between_occurrences()
    {
        var due = DueOccurrences.Compute(Hourly(CatchUpPolicy.All), Now.AddSeconds(-30), Now, Grace);

        Assert.Empty(due);
    }

    [Fact]
    public void The_occurrence_that_just_passed_is_due()
    {
        var due = DueOccurrences.Compute(Hourly(CatchUpPolicy.None), Now.AddHours(-1), Now, Grace);

        Assert.Equal([new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero)], due);
    }

    [Fact]
    public void After_five_hours_down_catch_up_all_fires_each_missed_occurrence_oldest_first()
    {
        var due = DueOccurrences.Compute(Hourly(CatchUpPolicy.All), Now.AddHours(-5), Now, Grace);

        Assert.Equal(5, due.Count);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), due[0]);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero), due[^1]);
    }

    [Fact]
    public void Catch_up_all_is_bounded_by_the_limit_keeping_the_newest()
    {
        var due = DueOccurrences.Compute(Hourly(CatchUpPolicy.All, limit: 3), Now.AddDays(-30), Now, Grace);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 6, 1, 11, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero),
            ],
            due);
    }

    [Fact]
    public void Catch_up_latest_fires_only_the_most_recent_missed_occurrence()
    {
        var due = DueOccurrences.Compute(Hourly(CatchUpPolicy.Latest), Now.AddHours(-5).AddMinutes(-30), Now.AddMinutes(20), Grace);

        Assert.Equal([new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero)], due);
    }

    [Fact]
    public void Catch_up_none_drops_occurrences_missed_while_down()
    {
        var due = DueOccurrences.Compute(Hourly(CatchUpPolicy.None), Now.AddHours(-5), Now.AddMinutes(20), Grace);

        Assert.Empty(due);
    }

    [Theory]
    [InlineData(CatchUpPolicy.None)]
    [InlineData(CatchUpPolicy.Latest)]
    [InlineData(CatchUpPolicy.All)]
    public void A_late_tick_fires_every_occurrence_it_passed_within_the_grace_whatever_the_catch_up_policy(CatchUpPolicy policy)
    {
        // A one-second schedule whose tick came 2.2 s after the last one (a pause, a busy host): 47 and 48 are both on time.
        var everySecond = ScheduleCalendar.For(new Schedule { Kind = ScheduleKind.Cron, Cron = "* * * * * *", CatchUp = policy, CatchUpLimit = 1 });
        var lastFired = new DateTimeOffset(2026, 6, 1, 12, 0, 46, TimeSpan.Zero);

        var due = DueOccurrences.Compute(everySecond, lastFired, lastFired.AddSeconds(2.2), Grace);

        Assert.Equal([lastFired.AddSeconds(1), lastFired.AddSeconds(2)], due);
    }
}
