using Azure.Data.Tables;

namespace Courier.Durable.Bench;

/// <summary>
/// Counts how often each partition's Owner changes while a scenario runs (seen by polling the
/// Partitions table): every move costs a drain, a cold session load and, if the two workers disagree
/// about the owner for a while, conflicting commits. A balanced hub should show none.
/// </summary>
internal sealed class LeaseMoves : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;
    private readonly Dictionary<string, (string Owner, int Moves, DateTimeOffset ExpiresAt)> _partitions = new(StringComparer.Ordinal);
    private readonly List<string> _log = [];
    private TimeSpan _slowest;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public LeaseMoves(string connectionString, string hub)
    {
        var table = new TableClient(connectionString, $"{hub}Partitions");
        _watch = WatchAsync(table, _stop.Token);
    }

    /// <summary>Moves per partition, as <c>control-00:0 control-01:2 …</c>.</summary>
    public string Summary
    {
        get
        {
            lock (_partitions)
            {
                return string.Join(' ', _partitions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key[^2..]}:{p.Value.Moves}")) + FormattableString.Invariant($", slowest lease-table poll {_slowest.TotalMilliseconds:0} ms");
            }
        }
    }

    /// <summary>Every move seen: when, which partition, from whom to whom, and whether the old lease had expired.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_partitions)
            {
                return [.. _log];
            }
        }
    }

    private async Task WatchAsync(TableClient table, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var poll = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "", cancellationToken: stop))
                {
                    var owner = row.GetString("Owner") ?? "";
                    lock (_partitions)
                    {
                        if (_partitions.TryGetValue(row.RowKey, out var before) && before.Owner != owner)
                        {
                            _log.Add(FormattableString.Invariant($"{_clock.Elapsed.TotalSeconds,6:0.0}s {row.RowKey} {Short(before.Owner)} -> {Short(owner)} (old lease {(before.ExpiresAt < TimeProvider.System.GetUtcNow() ? "expired" : "live")}, slowest poll so far {_slowest.TotalMilliseconds:0} ms)"));
                        }
                        var expires = row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.UnixEpoch;
                        _partitions[row.RowKey] = _partitions.TryGetValue(row.RowKey, out var seen)
                            ? (owner, seen.Moves + (seen.Owner == owner ? 0 : 1), expires)
                            : (owner, 0, expires);
                    }
                }
                lock (_partitions)
                {
                    _slowest = poll.Elapsed > _slowest ? poll.Elapsed : _slowest;
                }
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The process id in a worker id (<c>machine-pid-guid</c>).</summary>
    private static string Short(string owner) => owner.Split('-') is { Length: >= 3 } parts ? parts[^2] : owner;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _stop.Dispose();
    }
}
