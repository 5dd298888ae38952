using System.Globalization;

namespace Courier.Domain.Scheduling;

/// <summary>
/// The orchestration instance id of one occurrence. Every host derives the same id, so the runtime's
/// create-once start turns any number of hosts firing the same occurrence into exactly one run.
/// </summary>
public static class ScheduleInstanceId
{
    public const string Prefix = "sched:";

    public static string For(string scheduleId, DateTimeOffset occurrence) =>
        $"{Prefix}{scheduleId}:{occurrence.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
}
