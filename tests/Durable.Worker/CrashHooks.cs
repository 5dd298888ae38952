using System.Diagnostics;
using Courier.Durable.Dispatch;

namespace Courier.Durable.Worker;

/// <summary>
/// Kills this process (SIGKILL: no cleanup, no flush) the first time the episode reaches the crash
/// point named by <c>COURIER_DURABLE_CRASH_AT</c>, after skipping <c>COURIER_DURABLE_CRASH_SKIP</c> passes.
/// </summary>
internal sealed class CrashHooks : IDispatchHooks
{
    private readonly CrashPoint? _point;
    private int _skip;

    public CrashHooks()
    {
        _point = Enum.TryParse<CrashPoint>(Environment.GetEnvironmentVariable("COURIER_DURABLE_CRASH_AT"), out var point) ? point : null;
        _skip = int.TryParse(Environment.GetEnvironmentVariable("COURIER_DURABLE_CRASH_SKIP"), out var skip) ? skip : 0;
    }

    public Task OnAsync(CrashPoint point, string instanceId)
    {
        if (point == _point && Interlocked.Decrement(ref _skip) < 0)
        {
            KillSelf();
        }
        return Task.CompletedTask;
    }

    public static void KillSelf()
    {
        Console.Out.Flush();
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
