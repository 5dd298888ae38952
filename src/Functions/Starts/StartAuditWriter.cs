using System.Threading.Channels;
using Courier.Domain.Starting;

namespace Courier.Functions.Starts;

/// <summary>
/// Writes start audit entries behind the answer, in batches: under load many starts share one table
/// transaction and one packed row (<see cref="StartAuditLog"/>) instead of each paying a storage round trip on the
/// caller's time. A write waits <see cref="GatherTime"/> after its first entry so that the entries arriving meanwhile
/// share its row: at most a few rows a second whatever the rate of starts. Entries wait in memory
/// (bounded: a caller waits when storage has been down long enough to fill it) and are retried until
/// written; stopping the host writes what is left first.
/// </summary>
public sealed partial class StartAuditWriter(StartTables tables, TimeProvider time, ILogger<StartAuditWriter> logger) : BackgroundService
{
    private const int Capacity = 10_000;
    private const int MaxPerWrite = 1_000;

    /// <summary>Short beside the time people take to look at an audit; long enough for hundreds of starts under load.</summary>
    private static readonly TimeSpan GatherTime = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<StartAuditEntry> _pending = Channel.CreateBounded<StartAuditEntry>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ValueTask RecordAsync(StartAuditEntry entry, CancellationToken cancellationToken) =>
        _pending.Writer.WriteAsync(entry, cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<StartAuditEntry>();
        // Not stoppingToken: after StopAsync completes the channel, the loop drains it and ends by itself.
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            if (_pending.Reader.Count < MaxPerWrite)
            {
                // Stopping cuts the wait short: what is left is written at once.
                await Task.Delay(GatherTime, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            while (batch.Count < MaxPerWrite && _pending.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }
            await WriteUntilDoneAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    private async Task WriteUntilDoneAsync(List<StartAuditEntry> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var log = await tables.AuditAsync(CancellationToken.None);
                await log.WriteAsync(batch, CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWriteFailed(logger, e, batch.Count, attempt);
                if (stoppingToken.IsCancellationRequested && attempt >= 3)
                {
                    // Shutting down with storage unreachable: do not hold the host open forever.
                    return;
                }
                await Task.Delay(RetryDelay, time, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Writing {Count} start audit entries failed (attempt {Attempt}); retrying.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count, int attempt);
}
