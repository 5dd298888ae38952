using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Table-based partition leases (the V3 protocol of reference §1.5, simplified): each worker aims at a
/// fair share of partitions; one with too few asks for leases by writing NextOwner, and the owner
/// drains such a partition before handing it over (and gives none away unasked). Leases only keep workers from tripping over each
/// other; correctness rests on the history sentinel ETag.
/// Leases must not move while both workers are alive, as every move costs the new owner a cold
/// history load per instance and the two workers conflicting commits. So: a round renews all its
/// leases at once, on a fixed cadence, and a hand-over drains in the background instead of holding up
/// the renewals; a worker whose lease has just expired counts as slow, not dead, for one more lease
/// interval (its partitions are not taken beyond a fair share); and a worker dispatches a partition
/// only while its own lease is unexpired, so a late renewal pauses it rather than letting two run it.
/// </summary>
internal sealed class PartitionManager(HubContext hub)
{
    private readonly ILogger _logger = hub.LoggerFactory.CreateLogger("Courier.Durable.Partitions");
    private readonly bool[] _owned = new bool[hub.Storage.ControlQueues.Count];
    private readonly long[] _validUntilTicks = new long[hub.Storage.ControlQueues.Count];
    private readonly ConcurrentDictionary<int, Task> _handingOver = new();
    private string Me => hub.Options.WorkerId;
    private TimeSpan Lease => hub.Options.StorageProvider.LeaseInterval;

    /// <summary>Waits until a partition's dispatcher has no episode running (set by the worker).</summary>
    public Func<int, Task> DrainAsync { get; set; } = _ => Task.CompletedTask;

    /// <summary>Called when another worker took a partition of this one: what this process holds for it is stale (set by the worker).</summary>
    public Action<int> Lost { get; set; } = _ => { };

    /// <summary>
    /// True while this worker holds the partition's lease and it has not expired (less a margin for
    /// clocks that disagree): another worker can only take it after that.
    /// </summary>
    public bool IsOwned(int partition) =>
        !hub.Options.StorageProvider.UsePartitionLeases
        || (Volatile.Read(ref _owned[partition]) && hub.Time.GetUtcNow().UtcTicks < Volatile.Read(ref _validUntilTicks[partition]));

    public async Task RunAsync(CancellationToken stopping)
    {
        if (!hub.Options.StorageProvider.UsePartitionLeases)
        {
            return;
        }
        var cadence = hub.Options.StorageProvider.LeaseRenewInterval;
        while (!stopping.IsCancellationRequested)
        {
            var round = Stopwatch.StartNew();
            try
            {
                await BalanceAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException e)
            {
                Log.LeaseError(_logger, Me, e);
            }
            if (round.Elapsed > Lease / 3)
            {
                Log.LeaseRoundSlow(_logger, Me, round.ElapsedMilliseconds, Lease.TotalSeconds);
            }
            try
            {
                // Start to start: a slow round shortens the wait, so renewals do not drift towards expiry.
                var wait = cadence - round.Elapsed;
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        await ReleaseAllAsync();
    }

    private async Task BalanceAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadRowsAsync(cancellationToken);
        var now = hub.Time.GetUtcNow();
        var expires = now + Lease;
        bool Live(TableEntity r) => !string.IsNullOrEmpty(r.GetString("Owner")) && r.GetDateTimeOffset("ExpiresAt") > now;
        // An owner whose lease expired less than a lease interval ago is slow (storage lagging), not gone.
        bool Alive(TableEntity r) => !string.IsNullOrEmpty(r.GetString("Owner")) && r.GetDateTimeOffset("ExpiresAt") > now - Lease;
        var workers = rows.Values.Where(Alive).Select(r => r.GetString("Owner")!)
            .Concat(rows.Values.Select(r => r.GetString("NextOwner") ?? "").Where(n => n.Length > 0))
            .Append(Me).ToHashSet(StringComparer.Ordinal);
        var target = (int)Math.Ceiling(_owned.Length / (double)workers.Count);

        // Renew what is ours (also a lease that expired unnoticed: the If-Match fails if anyone took it),
        // hand over what another worker asked for, notice what we lost.
        var renewals = new List<Task>();
        foreach (var (p, row) in rows)
        {
            if (row.GetString("Owner") != Me)
            {
                if (_owned[p])
                {
                    Volatile.Write(ref _owned[p], false);
                    Log.LeaseLost(_logger, Me, Key(p));
                    Lost(p);
                }
                continue;
            }
            if (_handingOver.ContainsKey(p))
            {
                continue;
            }
            var next = row.GetString("NextOwner") ?? "";
            if (next.Length > 0 && next != Me)
            {
                StartHandOver(p, row, next);
                continue;
            }
            renewals.Add(RenewAsync(p, row, cancellationToken));
        }
        await Task.WhenAll(renewals);

        // A partition this worker asked for and its owner has not handed over yet counts as ours: asking
        // again each round until the hand-over lands took a partition too many, which the other worker then
        // asked back (12 moves where one would do, when a busy storage slowed the hand-overs).
        var asked = rows.Values.Count(r => Live(r) && r.GetString("Owner") != Me && r.GetString("NextOwner") == Me);
        var ownedCount = Enumerable.Range(0, _owned.Length).Count(p => _owned[p] && !_handingOver.ContainsKey(p)) + asked;
        // Free partitions first, then those of workers that are gone, and only up to a fair share.
        foreach (var (p, row) in rows.Where(r => r.Value.GetString("Owner") != Me && !Live(r.Value)).OrderBy(r => Alive(r.Value)))
        {
            if (ownedCount >= target)
            {
                break;
            }
            if (await TryWriteAsync(row, Me, "", expires, cancellationToken))
            {
                Acquired(p, expires);
                ownedCount++;
            }
        }
        // A worker above its share gives partitions away only when asked. Also freeing its surplus unasked
        // gave the same surplus away twice whenever the other worker asked in the same round (one freed,
        // one handed over), and the short worker then asked one back: up to 14 moves where one would do.
        if (ownedCount < target)
        {
            await AskForPartitionsAsync(rows, target - ownedCount, target, Live, cancellationToken);
        }
    }

    private async Task<Dictionary<int, TableEntity>> ReadRowsAsync(CancellationToken cancellationToken)
    {
        var table = hub.Storage.Partitions;
        var rows = new Dictionary<int, TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "", cancellationToken: cancellationToken))
        {
            if (TryParse(row.RowKey, out var p) && p < _owned.Length)
            {
                rows[p] = row;
            }
        }
        if (rows.Count == _owned.Length)
        {
            return rows;
        }
        for (var p = 0; p < _owned.Length; p++)
        {
            if (!rows.ContainsKey(p))
            {
                var fresh = new TableEntity("", Key(p)) { ["Owner"] = "", ["NextOwner"] = "", ["ExpiresAt"] = DateTimeOffset.UnixEpoch };
                try
                {
                    await table.AddEntityAsync(fresh, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    // Another worker created it.
                }
            }
        }
        return await ReadRowsAsync(cancellationToken);
    }

    private async Task RenewAsync(int p, TableEntity row, CancellationToken cancellationToken)
    {
        // From now, not from the round's start: the read before it may have waited long behind a busy storage.
        var expires = hub.Time.GetUtcNow() + Lease;
        if (await TryWriteAsync(row, Me, "", expires, cancellationToken))
        {
            Acquired(p, expires);
        }
        // On a conflict (another worker asked for it, or took it after it expired) the next round tells
        // which; until then the lease is used only up to the expiry this worker last wrote.
    }

    private void Acquired(int p, DateTimeOffset expires)
    {
        // A tenth of the lease short of the expiry: another worker's clock may run a little ahead.
        Volatile.Write(ref _validUntilTicks[p], (expires - Lease / 10).UtcTicks);
        if (!_owned[p])
        {
            Volatile.Write(ref _owned[p], true);
            Log.LeaseAcquired(_logger, Me, Key(p));
        }
    }

    /// <summary>Asks owners above the fair share for as many partitions as this worker lacks, one row each.</summary>
    private async Task AskForPartitionsAsync(Dictionary<int, TableEntity> rows, int wanted, int target, Func<TableEntity, bool> live, CancellationToken cancellationToken)
    {
        // A row already asked for is on its way out of its owner's count, and not to be asked for again.
        var unasked = rows.Values.Where(r => live(r) && string.IsNullOrEmpty(r.GetString("NextOwner"))).ToList();
        var counts = unasked.GroupBy(r => r.GetString("Owner")!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var asks = new List<TableEntity>();
        foreach (var row in unasked.OrderByDescending(r => counts[r.GetString("Owner")!]))
        {
            var owner = row.GetString("Owner")!;
            if (asks.Count >= wanted || owner == Me || counts[owner] <= target)
            {
                continue;
            }
            counts[owner]--;
            row["NextOwner"] = Me;
            asks.Add(row);
        }
        await Task.WhenAll(asks.Select(r => TryUpdateAsync(r, cancellationToken)));
    }

    /// <summary>
    /// Stops dispatching the partition at once and hands it over once its episodes are done, in the
    /// background: the round goes on renewing the other leases meanwhile.
    /// </summary>
    private void StartHandOver(int p, TableEntity row, string nextOwner)
    {
        Volatile.Write(ref _owned[p], false);
        _handingOver[p] = Task.Run(async () =>
        {
            try
            {
                await DrainAsync(p);
                var expires = hub.Time.GetUtcNow() + Lease;
                if (await TryWriteAsync(row, nextOwner, "", expires, CancellationToken.None))
                {
                    Log.LeaseReleased(_logger, Me, Key(p));
                }
            }
            catch (RequestFailedException e)
            {
                Log.LeaseError(_logger, Me, e);
            }
            finally
            {
                _handingOver.TryRemove(p, out _);
            }
        });
    }

    private async Task ReleaseAllAsync()
    {
        await Task.WhenAll(_handingOver.Values);
        for (var p = 0; p < _owned.Length; p++)
        {
            if (!_owned[p])
            {
                continue;
            }
            Volatile.Write(ref _owned[p], false);
            await DrainAsync(p);
            try
            {
                var row = (await hub.Storage.Partitions.GetEntityAsync<TableEntity>("", Key(p))).Value;
                if (row.GetString("Owner") == Me)
                {
                    await TryWriteAsync(row, "", "", DateTimeOffset.UnixEpoch, CancellationToken.None);
                    Log.LeaseReleased(_logger, Me, Key(p));
                }
            }
            catch (RequestFailedException e)
            {
                Log.LeaseError(_logger, Me, e);
            }
        }
    }

    private async Task<bool> TryWriteAsync(TableEntity row, string owner, string nextOwner, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        row["Owner"] = owner;
        row["NextOwner"] = nextOwner;
        row["ExpiresAt"] = expiresAt;
        return await TryUpdateAsync(row, cancellationToken);
    }

    private async Task<bool> TryUpdateAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            var response = await hub.Storage.Partitions.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
            row.ETag = response.Headers.ETag ?? row.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    private static string Key(int p) => string.Create(CultureInfo.InvariantCulture, $"control-{p:00}");

    private static bool TryParse(string key, out int partition) =>
        int.TryParse(key.AsSpan("control-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out partition);
}
