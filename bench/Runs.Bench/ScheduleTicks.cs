using System.Diagnostics;
using System.Globalization;
using Courier.Domain.Model;
using Courier.Domain.Scheduling;

namespace Courier.Runs.Bench;

/// <summary>
/// 10,000 schedules (cron with and without seconds, intervals, one-offs, in four time zones) ticked once a
/// second through a whole simulated day — the Europe DST change day — with the ticker's own
/// <see cref="ScheduleBook{TOwner}"/>. Prints CPU per tick and checks every occurrence the calendars
/// say is due fired exactly once.
/// </summary>
internal static class ScheduleTicks
{
    private static readonly string[] Zones = ["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"];
    private static readonly string[] Crons = ["*/5 * * * *", "0 * * * *", "30 6 * * 1-5", "*/30 * * * * *", "0 0 2 * * *", "15,45 * * * *"];

    public static void Run(int count)
    {
        var day = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);
        var grace = TimeSpan.FromMinutes(1);
        var random = new Random(42);
        var schedules = Enumerable.Range(0, count).Select(i => Make(i, random, day)).ToList();
        var book = new ScheduleBook<Schedule>();
        // Steady state: every schedule has fired everything before the day began (no catch-up on the first tick).
        var before = day.AddTicks(-1);
        book.Replace(schedules.Select(s => new ScheduleSlot<Schedule>(s, s, ScheduleCalendar.For(s), before)));

        var fired = new Dictionary<Guid, (int Count, DateTimeOffset Last)>();
        var doubles = 0L;
        var tickTimes = new double[86_400];
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = new Stopwatch();
        for (var second = 0; second < tickTimes.Length; second++)
        {
            var now = day.AddSeconds(second);
            watch.Restart();
            var due = book.Due(now, grace);
            watch.Stop();
            tickTimes[second] = watch.Elapsed.TotalMilliseconds;
            foreach (var fire in due)
            {
                var seen = fired.GetValueOrDefault(fire.Schedule.Id);
                if (seen.Count > 0 && fire.Occurrence <= seen.Last)
                {
                    doubles++;
                }
                fired[fire.Schedule.Id] = (seen.Count + 1, fire.Occurrence);
            }
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        var end = day.AddSeconds(tickTimes.Length - 1);
        long expected = 0, missed = 0, total = 0;
        foreach (var schedule in schedules)
        {
            var due = ScheduleCalendar.For(schedule).Between(before, end).Count();
            var got = fired.GetValueOrDefault(schedule.Id).Count;
            expected += due;
            total += got;
            missed += Math.Max(0, due - got);
        }
        var first = tickTimes[0];
        Array.Sort(tickTimes, 1, tickTimes.Length - 1);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"schedules: {count:N0}; simulated day {day:yyyy-MM-dd} (Europe/Paris DST change), one tick per second: {tickTimes.Length:N0} ticks");
        Console.WriteLine($"{"measure",-34} {"Courier",12} {"goal",10}");
        Console.WriteLine($"{"CPU per tick, mean (ms)",-34} {(cpu.TotalMilliseconds / tickTimes.Length).ToString("F3", inv),12} {"≤ 50",10}");
        Console.WriteLine($"{"wall per tick, p99 (ms)",-34} {tickTimes[(int)(tickTimes.Length * 0.99)].ToString("F3", inv),12} {"≤ 50",10}");
        Console.WriteLine($"{"wall per tick, max (ms)",-34} {tickTimes[^1].ToString("F3", inv),12} {"≤ 50",10}");
        Console.WriteLine($"{"first tick, all calendars (ms)",-34} {first.ToString("F3", inv),12}");
        Console.WriteLine($"{"occurrences due (calendars)",-34} {expected,12:N0}");
        Console.WriteLine($"{"runs started",-34} {total,12:N0}");
        Console.WriteLine($"{"missed",-34} {missed,12:N0} {"0",10}");
        Console.WriteLine($"{"double fires",-34} {doubles,12:N0} {"0",10}");
    }

    private static Schedule Make(int i, Random random, DateTimeOffset day)
    {
        var zone = Zones[i % Zones.Length];
        return (i % 10) switch
        {
            < 6 => new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Cron, Cron = Crons[random.Next(Crons.Length)], TimeZone = zone },
            < 8 => new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Interval, Every = TimeSpan.FromMinutes(random.Next(1, 120)), StartsAt = day.AddMinutes(-random.Next(0, 600)), TimeZone = zone },
            < 9 => new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Once, At = day.AddSeconds(random.Next(0, 86_400)), TimeZone = zone },
            _ => new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Cron, Cron = "0 30 2 * * *", TimeZone = "Europe/Paris" },
        };
    }
}
