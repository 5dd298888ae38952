using Azure;
using Courier.Domain.Runs;
using Courier.Domain.Starting;
using Courier.Durable.Client;

namespace Courier.Functions.Runs;

/// <summary>
/// The start batcher: concurrent starts with fresh run ids (HTTP, queue, manual, reruns, dependents) share their
/// storage requests. One loop takes every start waiting (<see cref="NaturalBatcher{TItem, TResult}"/>), writes their
/// claims and run records with one transaction per shard (<see cref="RunStartWriter"/>), then creates all their
/// orchestrations with one runtime call, and answers each caller as <see cref="DurableTaskStarter"/> would alone.
/// Run ids fixed by the trigger (schedule occurrences) take that single path, which deduplicates them by id.
/// </summary>
public sealed class BatchedTaskStarter : ITaskStarter
{
    /// <summary>About what one shard transaction holds (100 rows, two per start) times the shards a batch spreads over.</summary>
    private const int MaxBatch = 100;

    private readonly DurableTaskStarter _single;
    private readonly DurableTaskClient _client;
    private readonly RunStartWriter _writer;
    private readonly ActiveRuns _active;
    private readonly RunRepository _runs;
    private readonly RunLiveness _liveness;
    private readonly TimeProvider _time;
    private readonly NaturalBatcher<(StartableTask Task, StartTrigger Trigger), TaskStartResult> _batcher;

    public BatchedTaskStarter(
        DurableTaskStarter oneByOne, DurableTaskClient client, RunStartWriter writer, ActiveRuns active, RunRepository runs, RunLiveness liveness, TimeProvider time)
    {
        (_single, _client, _writer, _active, _runs, _liveness, _time) = (oneByOne, client, writer, active, runs, liveness, time);
        _batcher = new(StartBatchAsync, MaxBatch);
    }

    public Task<TaskStartResult> StartAsync(StartableTask task, StartTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(trigger);
        if (!task.Enabled)
        {
            return Task.FromResult(new TaskStartResult(TaskStartStatus.Disabled, null));
        }
        return trigger.RunId is null
            ? _batcher.RunAsync((task, trigger), cancellationToken)
            : _single.StartAsync(task, trigger, cancellationToken);
    }

    /// <summary>Runs on the batcher's loop with no caller's token: the batch belongs to all its callers.</summary>
    private async Task<IReadOnlyList<TaskStartResult>> StartBatchAsync(IReadOnlyList<(StartableTask Task, StartTrigger Trigger)> batch)
    {
        var now = _time.GetUtcNow();
        // Run ids on one partition: the batch's orchestrations then start with one transaction and one message.
        var runIds = _client.NewInstanceIds("run-", batch.Count);
        var runs = batch.Select((s, i) => new NewRun(
            DurableTaskStarter.QueuedRecord(s.Task, s.Trigger, runIds[i], now), !s.Task.AllowConcurrentRuns)).ToList();

        // A task is claimed once per batch (a transaction cannot add one row twice): its later starts in the
        // batch follow the first one's answer, as they would have lost the race to it.
        var firstStartOf = new Dictionary<Guid, int>();
        var followerOf = new Dictionary<int, int>();
        var leaders = new List<int>();
        for (var i = 0; i < runs.Count; i++)
        {
            if (runs[i].Claim && firstStartOf.TryGetValue(runs[i].Record.TaskId, out var first))
            {
                followerOf[i] = first;
                continue;
            }
            if (runs[i].Claim)
            {
                firstStartOf[runs[i].Record.TaskId] = i;
            }
            leaders.Add(i);
        }

        var results = new TaskStartResult?[runs.Count];
        var held = (await _writer.AddAsync([.. leaders.Select(i => runs[i])], CancellationToken.None)).ToDictionary(h => h.Start);
        await Task.WhenAll(leaders.Where(i => held.ContainsKey(runs[i])).Select(async i => results[i] = await ClaimHeldTaskAsync(held[runs[i]])));

        var starting = leaders.Where(i => results[i] is null).ToList();
        IReadOnlyList<Durable.StartResult> created;
        try
        {
            created = starting.Count == 0 ? [] : await _client.TryScheduleNewOrchestrationInstancesAsync(
                [.. starting.Select(i => DurableTaskStarter.Orchestration(batch[i].Task, batch[i].Trigger, runs[i].Record.RunId))], CancellationToken.None);
        }
        catch
        {
            await TakeBackUnstartedAsync([.. starting.Select(i => runs[i])]);
            throw;
        }
        for (var s = 0; s < starting.Count; s++)
        {
            var run = runs[starting[s]];
            if (!created[s].Created && run.Claim)
            {
                await _active.ReleaseAsync(run.Record.TaskId, run.Record.RunId, CancellationToken.None);
            }
            results[starting[s]] = new TaskStartResult(created[s].Created ? TaskStartStatus.Started : TaskStartStatus.AlreadyRunning, run.Record.RunId);
        }
        foreach (var (follower, first) in followerOf)
        {
            results[follower] = results[first] is { Status: TaskStartStatus.Started, RunId: var runId }
                ? new TaskStartResult(TaskStartStatus.AlreadyRunning, runId)
                : results[first];
        }
        return results!;
    }

    /// <summary>
    /// A start whose task was claimed already: the holder the writer read still going answers AlreadyRunning naming it
    /// (the common case, one read); otherwise the start is resolved on its own as a single start is, taking the claim
    /// over and recording its run when the holder has ended (null: go on).
    /// </summary>
    private async Task<TaskStartResult?> ClaimHeldTaskAsync(HeldStart held)
    {
        var (run, taskId, runId) = (held.Start, held.Start.Record.TaskId, held.Start.Record.RunId);
        if (held.HeldBy is { } holder && await _liveness.IsActiveAsync(taskId, holder))
        {
            return new TaskStartResult(TaskStartStatus.AlreadyRunning, holder);
        }
        var (claimed, heldBy) = await _active.TryClaimAsync(taskId, runId, holder => _liveness.IsActiveAsync(taskId, holder), CancellationToken.None);
        if (!claimed)
        {
            return new TaskStartResult(TaskStartStatus.AlreadyRunning, heldBy);
        }
        await _runs.SaveAsync(run.Record, CancellationToken.None);
        return null;
    }

    /// <summary>
    /// After a failed runtime call, removes the claims and records of the runs whose orchestration does not exist,
    /// so no claim is left without a run. If storage cannot even say that, the claims lapse by themselves: a Queued
    /// run with no orchestration stops counting as going after <see cref="RunLiveness.StartGrace"/>.
    /// </summary>
    private async Task TakeBackUnstartedAsync(IReadOnlyList<NewRun> runs)
    {
        try
        {
            var instances = await Task.WhenAll(runs.Select(r => _client.GetInstanceAsync(r.Record.RunId)));
            await _writer.RemoveAsync([.. runs.Where((_, i) => instances[i] is null)], CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Storage unreachable: see the summary; the caller gets the runtime's failure.
        }
    }
}
