using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Table-based partition leases (the V3 protocol of reference §1.5, simplified): each worker aims at a
/// fair share of partitions; one with too few asks for a lease by writing NextOwner, and the owner
/// drains that partition before handing it over. Leases only keep workers from tripping over each
/// other; correctness rests on the history sentinel ETag.
/// </summary>
internal sealed class PartitionManager(HubContext hub)
{
    private readonly ILogger _logger = hub.LoggerFactory.CreateLogger("Courier.Durable.Partitions");
    private readonly bool[] _owned = new bool[hub.Storage.ControlQueues.Count];
    private string Me => hub.Options.WorkerId;

    /// <summary>Waits until a partition's dispatcher has no episode running (set by the worker).</summary>
    public Func<int, Task> DrainAsync { get; set; } = _ => Task.CompletedTask;

    public bool IsOwned(int partition) => !hub.Options.StorageProvider.UsePartitionLeases || Volatile.Read(ref _owned[partition]);

    public async Task RunAsync(CancellationToken stopping)
    {
        if (!hub.Options.StorageProvider.UsePartitionLeases)
        {
            return;
        }
        while (!stopping.IsCancellationRequested)
        {
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
            try
            {
                await Task.Delay(hub.Options.StorageProvider.LeaseRenewInterval, stopping);
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
        var table = hub.Storage.Partitions;
        var rows = new Dictionary<int, TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "", cancellationToken: cancellationToken))
        {
            if (TryParse(row.RowKey, out var p) && p < _owned.Length)
            {
                rows[p] = row;
            }
        }
        var createdAny = false;
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
                createdAny = true;
            }
        }
        if (createdAny)
        {
            await BalanceAsync(cancellationToken);
            return;
        }

        var now = hub.Time.GetUtcNow();
        var lease = hub.Options.StorageProvider.LeaseInterval;
        bool Live(TableEntity r) => !string.IsNullOrEmpty(r.GetString("Owner")) && r.GetDateTimeOffset("ExpiresAt") > now;
        var workers = rows.Values.Where(Live).Select(r => r.GetString("Owner")!)
            .Concat(rows.Values.Select(r => r.GetString("NextOwner") ?? "").Where(n => n.Length > 0))
            .Append(Me).ToHashSet(StringComparer.Ordinal);
        var target = (int)Math.Ceiling(_owned.Length / (double)workers.Count);

        // Renew what is ours; hand over what another worker asked for; notice what we lost.
        foreach (var (p, row) in rows)
        {
            var mine = row.GetString("Owner") == Me && Live(row);
            if (!mine)
            {
                if (_owned[p])
                {
                    Volatile.Write(ref _owned[p], false);
                    Log.LeaseLost(_logger, Me, Key(p));
                }
                continue;
            }
            var next = row.GetString("NextOwner") ?? "";
            if (next.Length > 0 && next != Me)
            {
                await HandOverAsync(p, row, next, now + lease, cancellationToken);
                continue;
            }
            if (await TryWriteAsync(row, Me, "", now + lease, cancellationToken))
            {
                if (!_owned[p])
                {
                    Volatile.Write(ref _owned[p], true);
                    Log.LeaseAcquired(_logger, Me, Key(p));
                }
            }
            else
            {
                Volatile.Write(ref _owned[p], false);
            }
        }

        var ownedCount = _owned.Count(o => o);
        foreach (var (p, row) in rows.Where(r => !Live(r.Value)))
        {
            if (ownedCount >= target)
            {
                break;
            }
            if (await TryWriteAsync(row, Me, "", now + lease, cancellationToken))
            {
                Volatile.Write(ref _owned[p], true);
                ownedCount++;
                Log.LeaseAcquired(_logger, Me, Key(p));
            }
        }
        if (ownedCount < target)
        {
            // Ask the busiest worker for one partition; it drains and hands it over on its next renewal.
            var counts = rows.Values.Where(Live).GroupBy(r => r.GetString("Owner")!).ToDictionary(g => g.Key, g => g.Count());
            var busiest = counts.Where(c => c.Key != Me && c.Value > target).OrderByDescending(c => c.Value).FirstOrDefault();
            if (busiest.Key is not null)
            {
                var victim = rows.FirstOrDefault(r => r.Value.GetString("Owner") == busiest.Key && string.IsNullOrEmpty(r.Value.GetString("NextOwner")) && Live(r.Value));
                if (victim.Value is not null)
                {
                    victim.Value["NextOwner"] = Me;
                    await TryUpdateAsync(victim.Value, cancellationToken);
                }
            }
        }
        else if (ownedCount > target && workers.Count > 1)
        {
            foreach (var p in Enumerable.Range(0, _owned.Length).Where(p => _owned[p]).Take(ownedCount - target).ToList())
            {
                await HandOverAsync(p, rows[p], "", now, cancellationToken);
            }
        }
    }

    private async Task HandOverAsync(int p, TableEntity row, string nextOwner, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _owned[p], false);
        await DrainAsync(p);
        await TryWriteAsync(row, nextOwner, "", nextOwner.Length == 0 ? DateTimeOffset.UnixEpoch : expiresAt, cancellationToken);
        Log.LeaseReleased(_logger, Me, Key(p));
    }

    private async Task ReleaseAllAsync()
    {
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
