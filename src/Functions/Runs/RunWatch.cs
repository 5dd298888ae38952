namespace Courier.Functions.Runs;

/// <summary>One step's view of its run's cancellation (<see cref="RunCancellations.Watch"/>).</summary>
public sealed class RunWatch(RunCancellations.WatchedRun run, CancellationTokenSource linked, Action release) : IDisposable
{
    public CancellationToken Token => linked.Token;

    /// <summary>True when the step stops because its run was cancelled, not because the host is stopping.</summary>
    public bool RunCancelled => run.Cancelled.IsCancellationRequested;

    public void Dispose()
    {
        linked.Dispose();
        release();
    }
}
