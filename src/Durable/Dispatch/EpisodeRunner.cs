using Azure.Storage.Queues.Models;
using Courier.Durable.Execution;
using Courier.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Runs one orchestration episode for one instance, in the order of reference §8.2:
/// load → re-send a leftover outbox → filter stale and duplicate messages → replay → commit events,
/// outbox and sentinel (If-Match) → send the outbox → delete it → update the Instances row →
/// delete the consumed messages. A crash after any step leaves a state the next episode repairs.
/// With <paramref name="localActivities"/>, activities it schedules run in this process when a slot
/// is free (their work items wait invisible as the crash safety net).
/// </summary>
internal sealed class EpisodeRunner(HubContext hub, SessionCache sessions, ActivityDispatcher? localActivities = null)
{
    private readonly ILogger _logger = hub.LoggerFactory.CreateLogger("Courier.Durable.Episode");
    private readonly EpisodeFilter _filter = new(hub);
    private readonly InstanceRowWriter _rows = new(hub);

    public async Task RunAsync(string instanceId, IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        var session = sessions.Get(instanceId) ?? new InstanceSession(await hub.History.LoadAsync(instanceId, cancellationToken));
        var local = new List<(TaskMessage, SendReceipt)>();
        try
        {
            await RunCoreAsync(instanceId, session, messages, local, cancellationToken);
            sessions.Put(instanceId, session);
        }
        catch (CommitConflictException e)
        {
            sessions.Remove(instanceId);
            Log.SplitBrainDetected(_logger, instanceId, e);
            // The winner has (or will have) consumed what it saw; whatever it did not see comes back at once.
            await Task.WhenAll(messages.Select(m => QueueOperations.AbandonAsync(m, TimeSpan.Zero, CancellationToken.None)));
        }
        catch
        {
            sessions.Remove(instanceId);
            throw;
        }
        finally
        {
            // An episode that failed after sending still committed these activities: run them.
            StartLocal(local);
        }
    }

    /// <summary>
    /// Starts the activities kept for this process only once their outbox rows are deleted: an activity
    /// that ends the process must not leave the outbox behind, or recovery re-sends it and the activity runs twice.
    /// </summary>
    private void StartLocal(List<(TaskMessage Scheduled, SendReceipt Receipt)> local)
    {
        foreach (var (scheduled, receipt) in local)
        {
            localActivities!.RunLocally(scheduled, receipt.MessageId, receipt.PopReceipt);
        }
        local.Clear();
    }

    private async Task RunCoreAsync(string instanceId, InstanceSession session, IReadOnlyList<ReceivedMessage> messages, List<(TaskMessage, SendReceipt)> local, CancellationToken cancellationToken)
    {
        var history = session.History;
        if (history.PendingOutbox.Count > 0)
        {
            // An earlier episode committed but did not finish sending: finish its job first.
            Log.OutboxRecovered(_logger, instanceId, history.PendingOutbox.Count);
            await SendAllAsync(history.PendingOutbox, instanceId, local, cancellationToken);
            await DeleteOutboxAsync(history, cancellationToken);
            StartLocal(local);
        }

        var filtered = await _filter.FilterAsync(session, messages, cancellationToken);
        if (filtered.Accepted.Count == 0)
        {
            await _rows.RepairAsync(session, cancellationToken);
            await FinishMessagesAsync(filtered, cancellationToken);
            return;
        }

        var restart = filtered.Accepted[0].Type == EventType.ExecutionStarted;
        List<HistoryEvent> past = restart ? [] : history.Events;
        var start = restart ? filtered.Accepted[0] : history.Start!;
        var executionId = start.ExecutionId!;
        var now = hub.Time.GetUtcNow();
        List<HistoryEvent> newEvents = [new HistoryEvent { Type = EventType.OrchestratorStarted, Timestamp = now }, .. filtered.Accepted];
        var result = Execute(instanceId, start, past, newEvents);
        var outbox = await BuildOutboxAsync(instanceId, executionId, start, result, cancellationToken);

        await hub.Hooks.OnAsync(CrashPoint.BeforeCommit, instanceId);
        var (etag, outboxKeys) = await hub.History.CommitAsync(history, executionId, past.Count, result.NewEvents, outbox, history.Checkpoint + 1, cancellationToken);
        history.ETag = etag;
        history.Checkpoint++;
        history.ExecutionId = executionId;
        history.Events = [.. past, .. result.NewEvents];
        history.OutboxRowKeys.AddRange(outboxKeys);
        history.PendingOutbox = outbox;
        await hub.Hooks.OnAsync(CrashPoint.AfterCommit, instanceId);

        await SendAllAsync(outbox, instanceId, local, cancellationToken);
        await DeleteOutboxAsync(history, cancellationToken);
        StartLocal(local);

        await _rows.WriteAsync(session, start, result, firstEpisode: past.Count == 0, now, cancellationToken);
        await hub.Hooks.OnAsync(CrashPoint.AfterInstanceUpdate, instanceId);

        await FinishMessagesAsync(filtered, cancellationToken);
        Log.EpisodeCompleted(_logger, instanceId, filtered.Accepted.Count, filtered.Dropped.Count, result.Status);
        if (result.Status is not OrchestrationRuntimeStatus.Running)
        {
            Log.InstanceFinished(_logger, instanceId, result.Status);
        }
    }

    private ExecutionResult Execute(string instanceId, HistoryEvent start, IReadOnlyList<HistoryEvent> past, List<HistoryEvent> newEvents)
    {
        var orchestrator = hub.Registry.CreateOrchestrator(hub.Services, start.Name ?? "");
        if (orchestrator is not null)
        {
            return OrchestrationExecutor.Execute(orchestrator, instanceId, past, newEvents, hub.LoggerFactory);
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

    private async Task SendAllAsync(List<OutboxMessage> outbox, string instanceId, List<(TaskMessage, SendReceipt)> local, CancellationToken cancellationToken)
    {
        if (outbox.Count == 0)
        {
            return;
        }
        await Parallel.ForEachAsync(outbox, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (message, ct) =>
            {
                if (await SendAsync(message, ct) is { } started)
                {
                    lock (local)
                    {
                        local.Add(started);
                    }
                }
            });
        await hub.Hooks.OnAsync(CrashPoint.AfterSend, instanceId);
    }

    /// <summary>Sends one outbox message; for an activity that will run here, returns what starts it.</summary>
    private async Task<(TaskMessage, SendReceipt)?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (localActivities is null || message.Queue != hub.Storage.WorkItems.Name || message.VisibleAt is not null || !localActivities.TryReserveSlot())
        {
            await hub.Queues.SendAsync(message, cancellationToken);
            return null;
        }
        TaskMessage scheduled;
        SendReceipt receipt;
        try
        {
            scheduled = await hub.Codec.DecodeAsync(message.Body, cancellationToken);
            var marked = message with { Body = await hub.Codec.EncodeAsync(scheduled with { LocalAttempts = 1 }, cancellationToken) };
            receipt = await hub.Queues.SendInvisibleAsync(marked, hub.Options.StorageProvider.WorkItemQueueVisibilityTimeout, cancellationToken);
        }
        catch
        {
            localActivities.ReleaseSlot();
            throw;
        }
        return (scheduled, receipt);
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
