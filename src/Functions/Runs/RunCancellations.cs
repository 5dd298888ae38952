using Azure;
using Courier.Domain.Runs;

namespace Courier.Functions.Runs;

/// <summary>
/// Stops the work of a cancelled run. Cancelling terminates the orchestration, which only discards what its
/// running activities return: a report still querying or a script still running would go on for nothing,
/// holding a database session or a process. Long steps watch their run here; every <see cref="Interval"/> the
/// records of the watched runs are read, and a run marked cancelled (by any host) has its steps' tokens
/// cancelled, which cancels the query or kills the script. The host that takes the cancel request does it at once.
/// </summary>
public sealed partial class RunCancellations(RunRepository runs, TimeProvider time, ILogger<RunCancellations> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, WatchedRun> _watched = new(StringComparer.Ordinal);

    /// <summary>A token cancelled when the step's own token is, or when its run is cancelled; dispose it when the step ends.</summary>
    public RunWatch Watch(Guid taskId, string runId, CancellationToken stepToken)
    {
        WatchedRun run;
        lock (_watched)
        {
            if (!_watched.TryGetValue(runId, out run!))
            {
                run = _watched[runId] = new WatchedRun(taskId);
            }
            run.Steps++;
        }
        return new RunWatch(run, CancellationTokenSource.CreateLinkedTokenSource(stepToken, run.Cancelled.Token), () => Release(runId, run));
    }

    /// <summary>Stops the run's steps on this host now (the others see its record within <see cref="Interval"/>).</summary>
    public void CancelHere(string runId)
    {
        WatchedRun? run;
        lock (_watched)
        {
            _watched.TryGetValue(runId, out run);
        }
        run?.Cancelled.Cancel();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            List<(string RunId, WatchedRun Run)> watched;
            lock (_watched)
            {
                watched = [.. _watched.Where(w => !w.Value.Cancelled.IsCancellationRequested).Select(w => (w.Key, w.Value))];
            }
            foreach (var (runId, run) in watched)
            {
                try
                {
                    if (await runs.GetAsync(run.TaskId, runId, stoppingToken) is { Status: RunStatus.Cancelled })
                    {
                        await run.Cancelled.CancelAsync();
                    }
                }
                catch (RequestFailedException e)
                {
                    // Storage hiccup: the next tick looks again.
                    LookFailed(logger, runId, e.Status);
                }
            }
        }
    }

    private void Release(string runId, WatchedRun run)
    {
        lock (_watched)
        {
            if (--run.Steps > 0)
            {
                return;
            }
            // Not disposed: a cancel that found the run just before this may still be signalling it (it holds no timer).
            _watched.Remove(runId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read run {RunId} to see whether it was cancelled (status {Status}).")]
    private static partial void LookFailed(ILogger logger, string runId, int status);

    public sealed class WatchedRun(Guid taskId)
    {
        public Guid TaskId { get; } = taskId;

        public CancellationTokenSource Cancelled { get; } = new();

        public int Steps { get; set; }
    }
}
