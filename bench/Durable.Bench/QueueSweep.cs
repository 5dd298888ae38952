using System.Diagnostics;
using Azure.Storage.Queues;

namespace Courier.Durable.Bench;

/// <summary>
/// Waits for Azurite's queue garbage collector to sweep what the previous scenario (or the raw limits) left, so
/// that sweep is not charged to the next scenario. Every 60 s the collector deletes each message freed since its
/// last sweep, re-sorting an index over all messages for each one; the single-threaded emulator answers nothing
/// meanwhile (15–45 s after a 1,000-orchestration scenario here). A sweep shows as a probe that takes over a
/// second; a sweep of little garbage shows as nothing, and the wait ends after one collector period.
/// A scenario still pays for any sweep of its own messages that falls inside it.
/// </summary>
internal static class QueueSweep
{
    private static readonly TimeSpan CollectorPeriod = TimeSpan.FromSeconds(62);
    private static readonly TimeSpan Blocked = TimeSpan.FromSeconds(1);

    /// <summary>How long the wait took and how long the emulator was seen blocked (zero when no sweep was visible).</summary>
    public static async Task<(TimeSpan Waited, TimeSpan Blocked)> WaitAsync(string connectionString)
    {
        var probe = new QueueClient(connectionString, "bench-sweep-probe");
        await probe.CreateIfNotExistsAsync();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < CollectorPeriod)
        {
            var request = Stopwatch.StartNew();
            await probe.GetPropertiesAsync();
            if (request.Elapsed > Blocked)
            {
                return (watch.Elapsed, request.Elapsed);
            }
            await Task.Delay(200);
        }
        return (watch.Elapsed, TimeSpan.Zero);
    }
}
