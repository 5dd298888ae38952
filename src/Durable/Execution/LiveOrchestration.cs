namespace Courier.Durable.Execution;

/// <summary>
/// An orchestrator suspended after an episode, kept so the instance's next episode in this process
/// applies only its new events (<see cref="OrchestrationExecutor.Resume"/>) instead of replaying the
/// whole history. It stands for exactly one history: the one its last result produced, and only once
/// that result is committed. Anything else (a failed commit, another worker's commit, a reload) means
/// it is dropped and the next episode replays from storage as usual.
/// </summary>
internal sealed class LiveOrchestration
{
    private bool _committed;
    private bool _finished;

    internal LiveOrchestration(OrchestrationExecutor.Run run, int eventCount)
    {
        Run = run;
        EventCount = eventCount;
    }

    internal OrchestrationExecutor.Run Run { get; }

    /// <summary>How many history events (of the current execution) the orchestrator has seen, its last result included.</summary>
    public int EventCount { get; private set; }

    /// <summary>True when the orchestrator reflects a committed history of exactly <paramref name="historyCount"/> events and can go on.</summary>
    public bool CanResume(int historyCount) => _committed && !_finished && EventCount == historyCount;

    /// <summary>
    /// The last result is in history: the actions it took are now recorded, as a replay would have
    /// confirmed them from their scheduling events.
    /// </summary>
    public void Committed()
    {
        Run.Context.ConfirmNewActions();
        _committed = true;
    }

    internal void Advanced(ExecutionResult result)
    {
        EventCount += result.NewEvents.Count;
        _committed = false;
        _finished = result.Status != OrchestrationRuntimeStatus.Running;
    }
}
