using Microsoft.Extensions.Hosting;

namespace Courier.Durable.Dispatch;

/// <summary>
/// The hosted service that runs this process's share of the hub: the partition lease manager, one
/// control-queue dispatcher per partition, and the activity dispatcher. Safe to run in many processes.
/// </summary>
internal sealed class DurableWorker(HubContext hub) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!hub.Options.EnableWorker)
        {
            return;
        }
        await hub.EnsureCreatedAsync(stoppingToken);
        using var activities = new ActivityDispatcher(hub);
        var runner = new EpisodeRunner(hub, new SessionCache(hub.Options.MaxCachedSessions), activities);
        using var concurrency = new SemaphoreSlim(hub.Options.MaxConcurrentOrchestratorFunctions);
        var leases = new PartitionManager(hub);
        var dispatchers = Enumerable.Range(0, hub.Storage.ControlQueues.Count)
            .Select(p => new ControlQueueDispatcher(hub, runner, p, leases.IsOwned, concurrency))
            .ToList();
        leases.DrainAsync = async p =>
        {
            await dispatchers[p].WhenIdleAsync();
            await runner.FlushAsync(id => hub.Storage.PartitionOf(id) == p);
        };
        leases.Lost = p => _ = Task.Run(async () =>
        {
            // Another worker runs it now: what waits here would only meet conflicts, and the cached
            // sessions are stale. Episodes already running finish (their commits are guarded).
            await dispatchers[p].AbandonWaitingAsync();
            await runner.FlushAsync(id => hub.Storage.PartitionOf(id) == p);
        });
        activities.DeliverCompletion = m => dispatchers[hub.Storage.PartitionOf(m.Message.InstanceId)].TryDeliver(m);
        await Task.WhenAll(dispatchers.Select(d => d.RunAsync(stoppingToken))
            .Append(activities.RunAsync(stoppingToken))
            .Append(leases.RunAsync(stoppingToken)));
        await runner.FlushAsync(_ => true);
    }
}
