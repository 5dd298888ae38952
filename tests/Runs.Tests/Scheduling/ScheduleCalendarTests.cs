using Courier.Domain.Model;
using Courier.Domain.Scheduling;

namespace Courier.Runs.Tests.Scheduling;

public sealed class ScheduleCalendarTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    private static ScheduleCalendar Cron(string cron, string zone = "UTC") =>
        ScheduleCalendar.For(new Schedule { Kind = ScheduleKind.Cron, Cron = cron, TimeZone = zone });

    [Fact]
    public void Nine_oclock_in_Paris_moves_from_08_to_07_UTC_across_the_spring_DST_change()
    {
        // Paris is UTC+1 until 2026-03-29 02:00 local, UTC+2 afterwards.
        var calendar = Cron("0 9 * * *", "Europe/Paris");

        var fires = calendar.Between(Utc(2026, 3, 28, 0, 0), Utc(2026, 3, 30, 23, 0)).ToList();

        Assert.Equal([Utc(2026, 3, 28, 8, 0), Utc(2026, 3, 29, 7, 0), Utc(2026, 3, 30, 7, 0)], fires);
    }

    [Fact]
    public void A_local_time_skipped_by_spring_forward_fires_once_at_the_first_valid_instant()
    {
        // 02:30 does not exist in Paris on 2026-03-29; the clock jumps from 02:00 to 03:00 (01:00 UTC).
        var calendar = Cron("30 2 * * *", "Europe/Paris");

        var fires = calendar.Between(Utc(2026, 3, 28, 12, 0), Utc(2026, 3, 29, 12, 0)).ToList();

        Assert.Equal([Utc(2026, 3, 29, 1, 0)], fires);
    }

    [Fact]
    public void A_local_time_repeated_by_fall_back_fires_once()
    {
        // On 2026-10-25 Paris goes from 03:00 (+02:00) back to 02:00 (+01:00): 02:30 happens twice.
        var calendar = Cron("30 2 * * *", "Europe/Paris");

        var fires = calendar.Between(Utc(2026, 10, 24, 12, 0), Utc(2026, 10, 25, 12, 0)).ToList();

        Assert.Equal([Utc(2026, 10, 25, 0, 30)], fires);
    }

    [Fact]
    public void Every_five_seconds_uses_the_six_field_cron_form()
    {
        var calendar = Cron("*/5 * * * * *");

        var fires = calendar.Preview(Utc(2026, 1, 1, 0, 0, 1), 3);

        Assert.Equal([Utc(2026, 1, 1, 0, 0, 5), Utc(2026, 1, 1, 0, 0, 10), Utc(2026, 1, 1, 0, 0, 15)], fires);
    }

    [Fact]
    public void Occurrences_outside_the_window_never_fire()
    {
        var calendar = ScheduleCalendar.For(new Schedule
        {
            Kind = ScheduleKind.Cron,
            Cron = "0 * * * *",
            StartsAt = Utc(2026, 5, 1, 10, 0),
            EndsAt = Utc(2026, 5, 1, 12, 0),
        });

        var fires = calendar.Between(Utc(2026, 5, 1, 0, 0), Utc(2026, 5, 2, 0, 0)).ToList();

        Assert.Equal([Utc(2026, 5, 1, 10, 0), Utc(2026, 5, 1, 11, 0), Utc(2026, 5, 1, 12, 0)], fires);
    }

    [Fact]
    public void An_interval_schedule_counts_from_its_start()
    {
        var calendar = ScheduleCalendar.For(new Schedule
        {
            Kind = ScheduleKind.Interval,
            Every = TimeSpan.FromMinutes(90),
            StartsAt = Utc(2026, 5, 1, 10, 15),
        });

        Assert.Equal([Utc(2026, 5, 1, 10, 15), Utc(2026, 5, 1, 11, 45), Utc(2026, 5, 1, 13, 15)], calendar.Preview(Utc(2026, 5, 1, 0, 0), 3));
        Assert.Equal(Utc(2026, 5, 1, 13, 15), calendar.NextAfter(Utc(2026, 5, 1, 11, 45)));
    }

    [Fact]
    public void A_one_off_schedule_fires_once()
    {
        var at = Utc(2026, 7, 4, 9, 30);
        var calendar = ScheduleCalendar.For(new Schedule { Kind = ScheduleKind.Once, At = at });

        Assert.Equal([at], calendar.Preview(Utc(2026, 1, 1, 0, 0), 5));
        Assert.Null(calendar.NextAfter(at));
    }

    [Theory]
    [InlineData("61 * * * *", "cron")]
    [InlineData("* * *", "cron")]
    [InlineData("", "cron")]
    public void A_cron_expression_that_does_not_parse_names_the_cron_field(string cron, string field)
    {
        var error = Assert.Throws<ScheduleException>(() => Cron(cron));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void An_unknown_time_zone_names_the_time_zone_field()
    {
        var error = Assert.Throws<ScheduleException>(() => Cron("0 * * * *", "Mars/Olympus_Mons"));

        Assert.Equal("timeZone", error.Field);
    }

    [Fact]
    public void The_instance_id_of_an_occurrence_is_the_same_on_every_host()
    {
        var occurrence = new DateTimeOffset(2026, 3, 29, 9, 0, 0, TimeSpan.FromHours(2));

        Assert.Equal("sched:nightly:20260329T070000Z", ScheduleInstanceId.For("nightly", occurrence));
    }
}
