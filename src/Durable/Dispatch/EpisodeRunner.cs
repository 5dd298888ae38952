using Courier.Durable.Execution;
using Courier.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Runs one orchestration episode for one instance, in the order of reference §8.2:
/// load → re-send a leftover outbox → filter stale and duplicate messages → replay → commit events,
/// outbox and sentinel (If-Match) → send the outbox → delete it → update the Instances row →
/// delete the consumed messages. A crash after any step leaves a state the next episode repairs.
/// While the instance is still running and its session stays in this process, the sent outbox rows
/// are deleted by the next commit instead of by a request of their own; a session that leaves the
/// process (evicted, partition handed over, shutdown) deletes them then.
/// With <paramref name="localActivities"/>, activities it schedules run in this process as slots free
/// up; their work items wait invisible as the crash safety net, grouped into chunks
/// (<see cref="WorkItemChunk"/>) so the net costs a send and a delete per chunk, not per activity.
/// </summary>
internal sealed class EpisodeRunner(HubContext hub, SessionCache sessions, ActivityDispatcher? localActivities = null)
{
    private readonly ILogger _logger = hub.LoggerFactory.CreateLogger("Courier.Durable.Episode");
    private readonly EpisodeFilter _filter = new(hub);
    private readonly InstanceRowWriter _rows = new(hub);
    private readonly LocalChunkSender _chunks = new(hub);
    private readonly SessionOpener _opener = new(hub);

    public async Task RunAsync(string instanceId, IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        var cached = sessions.Get(instanceId);
        var session = cached ?? await _opener.OpenAsync(instanceId, messages, cancellationToken);
        var local = new List<(TaskMessage Activity, ChunkLease Chunk)>();
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            await RunCoreAsync(instanceId, session, messages, local, fromCache: cached is not null, cancellationToken);
        }
        catch (CommitConflictException e)
        {
            sessions.Remove(instanceId);
            if (session.HistoryAssumedEmpty)
            {
                // Not retried here: whether the committed outbox went out is unknown, and sending it
                // again is the loser's job only once its messages come back (then with the history loaded).
                Log.StartAlreadyCommitted(_logger, instanceId);
            }
            else
            {
                Log.SplitBrainDetected(_logger, instanceId, e);
            }
            // The winner has (or will have) consumed what it saw; whatever it did not see comes back at once.
            await Task.WhenAll(messages.Select(m => QueueOperations.AbandonAsync(m, TimeSpan.Zero, CancellationToken.None)));
            return;
        }
        catch
        {
            sessions.Remove(instanceId);
            throw;
        }
        finally
        {
            session.Gate.Release();
            // Also when the episode failed after sending: these activities are committed, so they run.
            StartLocal(local);
        }
        var evicted = sessions.Put(instanceId, session);
        if (evicted.Count > 0)
        {
            _ = Task.Run(() => SettleAsync(evicted), CancellationToken.None);
        }
    }

    /// <summary>Deletes the sent outbox rows of the sessions of instances that match, and forgets those sessions.</summary>
    public Task FlushAsync(Func<string, bool> matches) => SettleAsync(sessions.RemoveWhere(matches));

    private async Task SettleAsync(List<InstanceSession> leaving)
    {
        foreach (var session in leaving)
        {
            await session.Gate.WaitAsync();
            try
            {
                var history = session.History;
                if (history.PendingOutbox.Count == 0 && history.OutboxRowKeys.Count > 0)
                {
                    await hub.History.DeleteRowsAsync(history.InstanceId, history.OutboxRowKeys, CancellationToken.None);
                    history.OutboxRowKeys.Clear();
                }
            }
            catch (Azure.RequestFailedException e)
            {
                // Left behind: a later load re-sends them, and their receivers drop the duplicates.
                Log.EpisodeFailed(_logger, session.History.InstanceId, e);
            }
            finally
            {
                session.Gate.Release();
            }
        }
    }

    /// <summary>
    /// Starts the activities kept for this process only once the episode is done: an activity that
    /// ends the process must not cut the episode short, or its messages come back, recovery re-sends
    /// the outbox and the activity runs once more than needed.
    /// </summary>
    private void StartLocal(List<(TaskMessage Activity, ChunkLease Chunk)> local)
    {
        foreach (var (activity, chunk) in local)
        {
            localActivities!.RunLocally(activity, chunk);
        }
        local.Clear();
    }

    private async Task RunCoreAsync(string instanceId, InstanceSession session, IReadOnlyList<ReceivedMessage> messages, List<(TaskMessage Activity, ChunkLease Chunk)> local, bool fromCache, CancellationToken cancellationToken)
    {
        var history = session.History;
        if (history.PendingOutbox.Count > 0)
        {
            // An earlier episode committed but did not finish sending: finish its job first.
            Log.OutboxRecovered(_logger, instanceId, history.PendingOutbox.Count);
            await SendAllAsync(await WithoutAnsweredWorkItemsAsync(history.PendingOutbox, messages, cancellationToken), instanceId, local, cancellationToken);
            await DeleteOutboxAsync(history, cancellationToken);
        }

        var filtered = await _filter.FilterAsync(session, messages, cancellationToken);
        session.OpeningRow = null;
        if (filtered.Accepted.Count == 0)
        {
            if (fromCache && filtered.Dropped.Count > 0 && session.History.ETag != await hub.History.SentinelETagAsync(instanceId, cancellationToken))
            {
                // Dropping deletes messages with no commit whose If-Match would catch a stale session: one
                // kept while another worker ran the instance (this one had lost the partition) would take
                // a new result for a duplicate and lose it. They come back to a freshly loaded history.
                throw new CommitConflictException($"The cached history of '{instanceId}' is stale; its messages are not dropped.");
            }
            await _rows.RepairAsync(session, cancellationToken);
            await FinishMessagesAsync(filtered, cancellationToken);
            return;
        }

        var restart = filtered.Accepted[0].Type == EventType.ExecutionStarted;
        List<HistoryEvent> past = restart ? [] : history.Events;
        // Counted now: after the commit, past (the session's own list) grows by the new events.
        var pastCount = past.Count;
        var start = restart ? filtered.Accepted[0] : history.Start!;
        var executionId = start.ExecutionId!;
        var now = hub.Time.GetUtcNow();
        List<HistoryEvent> newEvents = [new HistoryEvent { Type = EventType.OrchestratorStarted, Timestamp = now }, .. filtered.Accepted];
        // Taken out until this episode's commit succeeds: a failed episode leaves no orchestrator behind.
        var live = session.Live is { } kept && !restart && kept.CanResume(pastCount) ? kept : null;
        session.Live = null;
        var result = live is not null ? OrchestrationExecutor.Resume(live, newEvents) : Execute(instanceId, start, past, newEvents, out live);
        var outbox = await BuildOutboxAsync(instanceId, executionId, start, result, cancellationToken);

        await hub.Hooks.OnAsync(CrashPoint.BeforeCommit, instanceId);
        var sent = history.PendingOutbox.Count == 0 ? history.OutboxRowKeys : [];
        var (etag, outboxKeys) = await hub.History.CommitAsync(history, executionId, pastCount, result.NewEvents, outbox, history.Checkpoint + 1, sent, cancellationToken);
        history.ETag = etag;
        session.HistoryAssumedEmpty = false;
        history.Checkpoint++;
        history.ExecutionId = executionId;
        if (restart)
        {
            history.Events = [.. result.NewEvents];
        }
        else
        {
            history.Events.AddRange(result.NewEvents);
        }
        if (live is not null && result.Status == OrchestrationRuntimeStatus.Running)
        {
            live.Committed();
            session.Live = live;
        }
        history.OutboxRowKeys = [.. history.OutboxRowKeys.Except(sent, StringComparer.Ordinal), .. outboxKeys];
        history.PendingOutbox = outbox;
        await hub.Hooks.OnAsync(CrashPoint.AfterCommit, instanceId);

        await SendAllAsync(outbox, instanceId, local, cancellationToken);
        if (result.Status is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            // Sent: the next commit deletes the rows (or SettleAsync, if the session leaves first).
            history.PendingOutbox = [];
            await hub.Hooks.OnAsync(CrashPoint.AfterOutboxDelete, instanceId);
        }
        else
        {
            await DeleteOutboxAsync(history, cancellationToken);
        }

        await _rows.WriteAsync(session, start, result, firstEpisode: pastCount == 0, now, cancellationToken);
        await hub.Hooks.OnAsync(CrashPoint.AfterInstanceUpdate, instanceId);

        await FinishMessagesAsync(filtered, cancellationToken);
        Log.EpisodeCompleted(_logger, instanceId, filtered.Accepted.Count, filtered.Dropped.Count, result.Status);
        if (result.Status is not OrchestrationRuntimeStatus.Running)
        {
            Log.InstanceFinished(_logger, instanceId, result.Status);
        }
    }

    private ExecutionResult Execute(string instanceId, HistoryEvent start, IReadOnlyList<HistoryEvent> past, List<HistoryEvent> newEvents, out LiveOrchestration? live)
    {
        live = null;
        var orchestrator = hub.Registry.CreateOrchestrator(hub.Services, start.Name ?? "");
        if (orchestrator is not null)
        {
            return OrchestrationExecutor.Execute(orchestrator, instanceId, past, newEvents, hub.LoggerFactory, out live);
        }
        Log.OrchestratorNotFound(_logger, start.Name ?? "", instanceId);
        var failure = new TaskFailureDetails
        {
            ErrorType = "OrchestratorNotFound",
            ErrorMessage = $"No orchestrator named '{start.Name}' is registered in this worker.",
            IsNonRetriable = true,
        };
        return new ExecutionResult
        {
            NewEvents = [.. newEvents, new HistoryEvent { Type = EventType.ExecutionCompleted, Status = OrchestrationRuntimeStatus.Failed, Failure = failure, Timestamp = newEvents[0].Timestamp }],
            Status = OrchestrationRuntimeStatus.Failed,
            Failure = failure,
        };
    }

    private async Task<List<OutboxMessage>> BuildOutboxAsync(string instanceId, string executionId, HistoryEvent start, ExecutionResult result, CancellationToken cancellationToken)
    {
        var outbox = new List<OutboxMessage>();
        var ownQueue = hub.Storage.ControlQueueFor(instanceId);
        foreach (var e in result.NewEvents)
        {
            switch (e.Type)
            {
                case EventType.TaskScheduled:
                    outbox.Add(await hub.Queues.ToOutboxAsync(hub.Storage.WorkItems, new TaskMessage { InstanceId = instanceId, ExecutionId = executionId, Event = e }, null, cancellationToken));
                    break;
                case EventType.TimerCreated:
                    var fired = new HistoryEvent { Type = EventType.TimerFired, TaskScheduledId = e.EventId, FireAt = e.FireAt, Timestamp = e.FireAt ?? e.Timestamp };
                    outbox.Add(await hub.Queues.ToOutboxAsync(ownQueue, new TaskMessage { InstanceId = instanceId, ExecutionId = executionId, Event = fired }, e.FireAt, cancellationToken));
                    break;
                case EventType.SubOrchestrationInstanceCreated:
                    var childStart = new HistoryEvent
                    {
                        Type = EventType.ExecutionStarted,
                        Name = e.Name,
                        Data = e.Data,
                        ExecutionId = e.ExecutionId,
                        Parent = new ParentInstance(instanceId, executionId, e.EventId),
                        Timestamp = e.Timestamp,
                    };
                    outbox.Add(await hub.Queues.ToOutboxAsync(
                        hub.Storage.ControlQueueFor(e.InstanceId!),
                        new TaskMessage { InstanceId = e.InstanceId!, ExecutionId = e.ExecutionId, Event = childStart },
                        null,
                        cancellationToken));
                    break;
                default:
                    break;
            }
        }
        if (result.ContinueAsNewStart is { } next)
        {
            outbox.Add(await hub.Queues.ToOutboxAsync(ownQueue, new TaskMessage { InstanceId = instanceId, ExecutionId = next.ExecutionId, Event = next }, null, cancellationToken));
        }
        else if (start.Parent is { } parent && result.Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            var outcome = result.Status == OrchestrationRuntimeStatus.Completed
                ? new HistoryEvent { Type = EventType.SubOrchestrationInstanceCompleted, TaskScheduledId = parent.TaskScheduledId, Data = result.Output, Timestamp = hub.Time.GetUtcNow() }
                : new HistoryEvent
                {
                    Type = EventType.SubOrchestrationInstanceFailed,
                    TaskScheduledId = parent.TaskScheduledId,
                    Failure = result.Failure ?? new TaskFailureDetails { ErrorType = "Terminated", ErrorMessage = $"Sub-orchestration '{instanceId}' was terminated." },
                    Timestamp = hub.Time.GetUtcNow(),
                };
            outbox.Add(await hub.Queues.ToOutboxAsync(
                hub.Storage.ControlQueueFor(parent.InstanceId),
                new TaskMessage { InstanceId = parent.InstanceId, ExecutionId = parent.ExecutionId, Event = outcome },
                null,
                cancellationToken));
        }
        return outbox;
    }

    private async Task SendAllAsync(List<OutboxMessage> outbox, string instanceId, List<(TaskMessage Activity, ChunkLease Chunk)> started, CancellationToken cancellationToken)
    {
        if (outbox.Count == 0)
        {
            return;
        }
        var canRunHere = localActivities is { CanRunLocally: true };
        bool RunsHere(OutboxMessage m) => canRunHere && m.Queue == hub.Storage.WorkItems.Name && m.VisibleAt is null;
        List<string> runHere = [.. outbox.Where(RunsHere).Select(m => m.Body)];
        var chunks = runHere.Count > 0 ? _chunks.SendAsync(runHere, cancellationToken) : null;
        Exception? failed = null;
        try
        {
            await Parallel.ForEachAsync(outbox.Where(m => !RunsHere(m)), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (message, ct) => await hub.Queues.SendAsync(message, ct));
        }
        finally
        {
            if (chunks is not null)
            {
                // Whatever went out runs, also when something else failed: it is committed.
                (var sent, failed) = await chunks;
                started.AddRange(sent);
            }
        }
        if (failed is not null)
        {
            throw new IOException("Sending the work items of activities that run here failed.", failed);
        }
        await hub.Hooks.OnAsync(CrashPoint.AfterSend, instanceId);
    }

    /// <summary>
    /// The recovered outbox without work items whose result is among <paramref name="messages"/>: that
    /// activity ran (its invisible work item came back after a crash), so sending it again would only run it twice.
    /// </summary>
    private async Task<List<OutboxMessage>> WithoutAnsweredWorkItemsAsync(List<OutboxMessage> outbox, IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        var answered = messages
            .Where(m => m.Message.Event.Type is EventType.TaskCompleted or EventType.TaskFailed)
            .Select(m => (m.Message.ExecutionId, m.Message.Event.TaskScheduledId))
            .ToHashSet();
        if (answered.Count == 0)
        {
            return outbox;
        }
        var kept = new List<OutboxMessage>();
        foreach (var message in outbox)
        {
            if (message.Queue == hub.Storage.WorkItems.Name
                && await hub.Codec.DecodeAsync(message.Body, cancellationToken) is var scheduled
                && answered.Contains((scheduled.ExecutionId, scheduled.Event.EventId)))
            {
                continue;
            }
            kept.Add(message);
        }
        return kept;
    }

    private async Task DeleteOutboxAsync(InstanceHistory history, CancellationToken cancellationToken)
    {
        if (history.OutboxRowKeys.Count == 0)
        {
            return;
        }
        await hub.History.DeleteRowsAsync(history.InstanceId, history.OutboxRowKeys, cancellationToken);
        history.OutboxRowKeys.Clear();
        history.PendingOutbox = [];
        await hub.Hooks.OnAsync(CrashPoint.AfterOutboxDelete, history.InstanceId);
    }

    private async Task FinishMessagesAsync(FilterResult filtered, CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            filtered.Consumed.Select(m => QueueOperations.DeleteAsync(m, cancellationToken))
                .Concat(filtered.Deferred.Select(m => QueueOperations.AbandonAsync(m, TimeSpan.FromSeconds(1), cancellationToken))));
        if (filtered.Consumed.Count > 0)
        {
            await hub.Hooks.OnAsync(CrashPoint.AfterMessageDelete, filtered.Consumed[0].Message.InstanceId);
        }
    }
}
