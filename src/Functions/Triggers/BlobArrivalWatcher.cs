using System.Globalization;
using Courier.Domain.Connectors;
using Courier.Domain.Model;
using Courier.Domain.Reports;
using Courier.Domain.Reports.Sources;
using Courier.Domain.Starting;
using Courier.Domain.Storage;
using Microsoft.Extensions.Options;

namespace Courier.Functions.Triggers;

/// <summary>
/// Data-arrival triggers: lists each watched blob prefix every <see cref="BlobTriggerOptions.PollInterval"/>
/// and starts the bound task once per new (or rewritten) blob, with that blob as the source of the task's
/// remote-file reports on the connection. Storage emulators have no Event Grid, so this polls; the
/// <see cref="BlobArrivalLog"/> makes any number of hosts start each arrival once.
/// </summary>
public sealed partial class BlobArrivalWatcher(
    TaskRepository tasks,
    IServiceProvider services,
    BlobArrivalLog arrivals,
    ITaskStarter starter,
    IOptions<BlobTriggerOptions> options,
    TimeProvider time,
    ILogger<BlobArrivalWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        await foreach (var stored in tasks.WatchingBlobsAsync(cancellationToken))
        {
            var task = stored.Value;
            foreach (var trigger in task.Triggers.Where(t => t is { Enabled: true, Kind: TriggerKind.BlobCreated, ConnectionId: not null }))
            {
                try
                {
                    await WatchAsync(task, trigger, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One unreachable container does not stop the others.
                    LogWatchFailed(logger, trigger.Id, task.Name, e.Message);
                }
            }
        }
    }

    private async Task WatchAsync(TaskDefinition task, Trigger trigger, CancellationToken cancellationToken)
    {
        // Resolved only when a trigger exists: a host without secret keys (it stores no connections) still starts.
        var connections = services.GetRequiredService<StoredConnections>();
        var connection = await connections.GetAsync(trigger.ConnectionId!.Value, "blob trigger", cancellationToken);
        await using var files = await ConnectionFileSystems.ConnectAsync(connection, cancellationToken);
        var prefix = trigger.PathPrefix ?? "";
        var slash = prefix.LastIndexOf('/');
        var listed = await files.ListAsync(slash < 0 ? "" : prefix[..slash], $"{prefix[(slash + 1)..]}*", cancellationToken);
        var baseline = !await arrivals.HasBaselineAsync(trigger.Id, cancellationToken);
        foreach (var blob in listed.OrderBy(b => b.Modified))
        {
            var version = string.Create(CultureInfo.InvariantCulture, $"{blob.Modified?.UtcTicks}:{blob.Size}");
            if (!await arrivals.TryClaimAsync(trigger.Id, blob.Path, version, cancellationToken) || baseline)
            {
                continue;
            }
            var result = await starter.StartAsync(
                StartableTask.From(task),
                new StartTrigger("blob", blob.Path, $"{trigger.Id:N}:{version}") { Arrival = new BlobArrival(connection.Id, blob.Path) },
                cancellationToken);
            LogArrival(logger, blob.Path, task.Name, result.Status, result.RunId);
        }
        if (baseline)
        {
            await arrivals.SaveBaselineAsync(trigger.Id, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Blob {Blob} arrived for task {Task}: {Status} ({RunId}).")]
    private static partial void LogArrival(ILogger logger, string blob, string task, TaskStartStatus status, string? runId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Blob trigger {TriggerId} of task {Task} could not be checked: {Problem}")]
    private static partial void LogWatchFailed(ILogger logger, Guid triggerId, string task, string problem);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "A blob trigger poll failed; the next poll tries again.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
