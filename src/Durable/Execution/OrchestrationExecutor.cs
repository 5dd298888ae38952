using Microsoft.Extensions.Logging;

namespace Courier.Durable.Execution;

/// <summary>
/// The pure heart of the runtime: replays past events, applies new ones, and returns the events to
/// append plus the resulting state. No storage, no clock, no threads: the same inputs always give
/// the same output, which is what makes crash recovery by replay correct.
/// </summary>
internal static class OrchestrationExecutor
{
    public static ExecutionResult Execute(
        ITaskOrchestrator orchestrator,
        string instanceId,
        IReadOnlyList<HistoryEvent> pastEvents,
        IReadOnlyList<HistoryEvent> newEvents,
        ILoggerFactory loggerFactory) => Execute(orchestrator, instanceId, pastEvents, newEvents, loggerFactory, out _);

    /// <summary>
    /// As <see cref="Execute(ITaskOrchestrator, string, IReadOnlyList{HistoryEvent}, IReadOnlyList{HistoryEvent}, ILoggerFactory)"/>,
    /// and hands back the still-running orchestrator (null once it has finished) for <see cref="Resume"/>.
    /// </summary>
    public static ExecutionResult Execute(
        ITaskOrchestrator orchestrator,
        string instanceId,
        IReadOnlyList<HistoryEvent> pastEvents,
        IReadOnlyList<HistoryEvent> newEvents,
        ILoggerFactory loggerFactory,
        out LiveOrchestration? live)
    {
        var start = pastEvents.Concat(newEvents).FirstOrDefault(e => e.Type == EventType.ExecutionStarted)
            ?? throw new InvalidOperationException($"Instance '{instanceId}' has no ExecutionStarted event.");
        var context = new ReplayOrchestrationContext(start.Name ?? "", instanceId, loggerFactory);
        var run = new Run(orchestrator, context, start);
        var result = Apply(run, pastEvents, newEvents);
        live = result.Status == OrchestrationRuntimeStatus.Running ? new LiveOrchestration(run, pastEvents.Count + result.NewEvents.Count) : null;
        return result;
    }

    /// <summary>
    /// Applies only <paramref name="newEvents"/> to an orchestrator kept from the previous episode, whose
    /// result was committed (<see cref="LiveOrchestration.Committed"/>): the same outcome as replaying the
    /// whole history first, without the replay. A fan-in of n results over many episodes would
    /// otherwise replay O(n) events per episode.
    /// </summary>
    public static ExecutionResult Resume(LiveOrchestration live, IReadOnlyList<HistoryEvent> newEvents)
    {
        ArgumentNullException.ThrowIfNull(live);
        var result = Apply(live.Run, [], newEvents);
        live.Advanced(result);
        return result;
    }

    private static ExecutionResult Apply(Run run, IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents)
    {
        var context = run.Context;
        var start = run.Start;
        var applied = new List<HistoryEvent>();
        var unprocessed = new List<HistoryEvent>();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(run.Sync);
        try
        {
            context.Replaying = true;
            foreach (var past in pastEvents)
            {
                run.Apply(past, isNew: false);
            }
            context.Replaying = false;
            foreach (var next in newEvents)
            {
                if (run.Outcome is not null)
                {
                    unprocessed.Add(next);
                    continue;
                }
                applied.Add(next);
                run.Apply(next, isNew: true);
            }
        }
        catch (NonDeterministicOrchestrationException e)
        {
            return Finish(applied, OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(e) with { IsNonRetriable = true }, context.CustomStatus);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        return run.Outcome switch
        {
            null => new ExecutionResult
            {
                NewEvents = [.. applied, .. context.NewActions],
                Status = OrchestrationRuntimeStatus.Running,
                CustomStatus = context.CustomStatus,
            },
            { Status: OrchestrationRuntimeStatus.ContinuedAsNew } => ContinueAsNew(applied, unprocessed, context, start),
            var outcome => Finish(applied, outcome.Status, outcome.Output, outcome.Failure, context.CustomStatus),
        };
    }

    private static ExecutionResult Finish(
        List<HistoryEvent> applied, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure, string? customStatus)
    {
        var completed = new HistoryEvent
        {
            Type = EventType.ExecutionCompleted,
            Status = status,
            Data = output,
            Failure = failure,
            Timestamp = applied.FirstOrDefault(e => e.Type == EventType.OrchestratorStarted)?.Timestamp ?? default,
        };
        return new ExecutionResult
        {
            NewEvents = status == OrchestrationRuntimeStatus.Terminated ? applied : [.. applied, completed],
            Status = status,
            Output = output,
            Failure = failure,
            CustomStatus = customStatus,
        };
    }

    private static ExecutionResult ContinueAsNew(List<HistoryEvent> applied, List<HistoryEvent> unprocessed, ReplayOrchestrationContext context, HistoryEvent start)
    {
        List<HistoryEvent> carried = context.PreserveUnprocessedEvents
            ? [.. context.BufferedEvents, .. unprocessed.Where(e => e.Type == EventType.EventRaised)]
            : [];
        var nextStart = new HistoryEvent
        {
            Type = EventType.ExecutionStarted,
            Name = start.Name,
            Data = context.ContinueAsNewInput,
            ExecutionId = context.NewGuid().ToString("N"),
            Parent = start.Parent,
            CarriedEvents = carried,
            Timestamp = context.CurrentTime,
        };
        var result = Finish(applied, OrchestrationRuntimeStatus.ContinuedAsNew, context.ContinueAsNewInput, null, context.CustomStatus);
        // The completion names the next execution, so its start message is recognised as legitimate.
        List<HistoryEvent> events = [.. result.NewEvents];
        events[^1] = events[^1] with { ExecutionId = nextStart.ExecutionId };
        return result with { NewEvents = events, ContinueAsNewStart = nextStart };
    }

    /// <summary>One replay: the orchestrator task and the context it runs against.</summary>
    internal sealed class Run(ITaskOrchestrator orchestrator, ReplayOrchestrationContext context, HistoryEvent start)
    {
        private Task<object?>? _task;

        public ReplayOrchestrationContext Context => context;

        public HistoryEvent Start => start;

        public OrchestrationSynchronizationContext Sync { get; } = new();

        public Outcome? Outcome { get; private set; }

        public void Apply(HistoryEvent e, bool isNew)
        {
            switch (e.Type)
            {
                case EventType.OrchestratorStarted:
                    context.CurrentTime = e.Timestamp;
                    break;
                case EventType.ExecutionStarted:
                    if (context.CurrentTime == default)
                    {
                        context.CurrentTime = e.Timestamp;
                    }
                    StartOrchestrator();
                    foreach (var carried in e.CarriedEvents ?? [])
                    {
                        context.RaiseEvent(carried);
                    }
                    break;
                case EventType.TaskScheduled or EventType.TimerCreated or EventType.SubOrchestrationInstanceCreated:
                    if (isNew)
                    {
                        throw new InvalidOperationException($"{e.Type} cannot arrive as a new event.");
                    }
                    context.ConfirmAction(e);
                    break;
                case EventType.TaskCompleted or EventType.TaskFailed or EventType.TimerFired
                    or EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed:
                    context.Complete(e.TaskScheduledId, e);
                    break;
                case EventType.EventRaised:
                    context.RaiseEvent(e);
                    break;
                case EventType.ExecutionTerminated:
                    // With a failure it is the runtime ending the instance (a poisoned message for it), not a client.
                    Outcome = e.Failure is { } failure
                        ? new Outcome(OrchestrationRuntimeStatus.Failed, null, failure)
                        : new Outcome(OrchestrationRuntimeStatus.Terminated, e.Data, null);
                    return;
                case EventType.ExecutionCompleted:
                    return;
                default:
                    throw new InvalidOperationException($"Unknown history event type {e.Type}.");
            }
            Sync.Drain();
            ObserveCompletion();
        }

        private void StartOrchestrator()
        {
            object? input;
            try
            {
                input = DurableJson.Deserialize(start.Data, orchestrator.InputType);
            }
            catch (System.Text.Json.JsonException e)
            {
                _task = Task.FromException<object?>(new ArgumentException($"The input of '{start.Name}' could not be read as {orchestrator.InputType.Name}: {e.Message}", e));
                return;
            }
            try
            {
                _task = orchestrator.RunAsync(context, input);
            }
            catch (Exception e) when (e is not NonDeterministicOrchestrationException)
            {
                _task = Task.FromException<object?>(e);
            }
        }

        private void ObserveCompletion()
        {
            if (_task is not { IsCompleted: true } || Outcome is not null)
            {
                return;
            }
            if (_task.IsCompletedSuccessfully)
            {
                Outcome = context.ContinueAsNewRequested
                    ? new Outcome(OrchestrationRuntimeStatus.ContinuedAsNew, context.ContinueAsNewInput, null)
                    : new Outcome(OrchestrationRuntimeStatus.Completed, DurableJson.Serialize(_task.Result), null);
                return;
            }
            var exception = _task.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
            if (exception is NonDeterministicOrchestrationException)
            {
                throw exception;
            }
            Outcome = new Outcome(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(exception));
        }
    }

    internal sealed record Outcome(OrchestrationRuntimeStatus Status, string? Output, TaskFailureDetails? Failure);
}
