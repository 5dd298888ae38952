using Azure;
using Azure.Data.Tables;

namespace Courier.Domain.Runs;

/// <summary>
/// Writes the claims and run records of many fresh starts with one table transaction per shard (both or neither
/// for each start), instead of two requests per start: what lets concurrent starts share storage requests.
/// A claim already held fails its transaction naming that entity; the starts whose tasks are claimed are set aside,
/// with the runs holding them, for their caller to resolve (<see cref="ActiveRuns.TryClaimAsync"/>), and the rest is sent again.
/// </summary>
public sealed class RunStartWriter(TableServiceClient tables)
{
    /// <summary>The most operations one table transaction may hold.</summary>
    private const int MaxOperations = 100;

    private readonly TableClient _table = tables.GetTableClient(RunRepository.TableName);
    private volatile bool _created;

    /// <summary>Writes every start whose claim is free; returns the starts whose task was already claimed (nothing written for them).</summary>
    public async Task<IReadOnlyList<HeldStart>> AddAsync(IReadOnlyList<NewRun> starts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(starts);
        if (starts.Where(s => s.Claim).GroupBy(s => s.Record.TaskId).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("A batch may claim each task once: a transaction cannot add one row twice.", nameof(starts));
        }
        await EnsureTableAsync(cancellationToken);
        var held = await Task.WhenAll(Chunks(starts).Select(chunk => AddChunkAsync(chunk, cancellationToken)));
        return [.. held.SelectMany(h => h)];
    }

    /// <summary>Takes back what <see cref="AddAsync"/> wrote for starts whose orchestration was not created.</summary>
    public async Task RemoveAsync(IReadOnlyList<NewRun> starts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(starts);
        await EnsureTableAsync(cancellationToken);
        await Task.WhenAll(Chunks(starts).Select(chunk => _table.SubmitTransactionAsync(
            chunk.SelectMany(s => Entities(s).Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All))),
            cancellationToken)));
    }

    /// <summary>
    /// One shard's transaction. A transaction names only its first conflict, so after one the chunk's claims are read
    /// in one query and every start whose task is claimed is set aside at once: a batch where many tasks are running
    /// pays two transactions and a query, not a transaction per running task.
    /// </summary>
    private async Task<List<HeldStart>> AddChunkAsync(List<NewRun> chunk, CancellationToken cancellationToken)
    {
        var held = new List<HeldStart>();
        while (chunk.Count > 0)
        {
            var owners = new List<NewRun>();
            var actions = new List<TableTransactionAction>();
            foreach (var start in chunk)
            {
                if (start.Claim)
                {
                    owners.Add(start);
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ActiveRuns.Claim(start.Record.TaskId, start.Record.RunId)));
                }
                owners.Add(start);
                // Added, not upserted: the run id is new, and an upsert costs the emulator a second look-up of the row.
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, RunRepository.ToEntity(start.Record)));
            }
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return held;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is { } index)
            {
                if (actions[index].Entity.RowKey.StartsWith(RunKeys.RecordsFrom, StringComparison.Ordinal))
                {
                    // A new run's record exists only if this very transaction went through on an earlier attempt whose
                    // answer was lost (the client retries it): then all of it is written.
                    return held;
                }
                // A claim's Add conflicted: that task is claimed already, and maybe others.
                var holders = await ClaimHoldersAsync([.. chunk.Where(s => s.Claim).Select(s => s.Record.TaskId)], cancellationToken);
                var conflicted = owners[index];
                var setAside = chunk.Where(s => s == conflicted || (s.Claim && holders.ContainsKey(s.Record.TaskId))).ToList();
                held.AddRange(setAside.Select(s => new HeldStart(s, holders.GetValueOrDefault(s.Record.TaskId))));
                chunk = [.. chunk.Except(setAside)];
            }
        }
        return held;
    }

    /// <summary>The runs holding the claims that exist among these tasks' (all of one shard), read with one query.</summary>
    private async Task<Dictionary<Guid, string?>> ClaimHoldersAsync(IReadOnlyList<Guid> taskIds, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0)
        {
            return [];
        }
        var keys = taskIds.Select(RunKeys.Claim).Order(StringComparer.Ordinal).ToList();
        var named = string.Join(" or ", keys.Select(k => $"RowKey eq '{k}'"));
        var filter = $"PartitionKey eq '{RunKeys.Partition(taskIds[0])}' and RowKey ge '{keys[0]}' and RowKey le '{keys[^1]}' and ({named})";
        var holders = new Dictionary<Guid, string?>();
        await foreach (var claim in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "RunId"], cancellationToken: cancellationToken))
        {
            holders[Guid.Parse(claim.RowKey.AsSpan(2))] = claim.GetString("RunId");
        }
        return holders;
    }

    /// <summary>The starts grouped by shard, each group small enough for one transaction.</summary>
    private static IEnumerable<List<NewRun>> Chunks(IReadOnlyList<NewRun> starts)
    {
        foreach (var shard in starts.GroupBy(s => RunKeys.Partition(s.Record.TaskId)))
        {
            var chunk = new List<NewRun>();
            var operations = 0;
            foreach (var start in shard)
            {
                var cost = start.Claim ? 2 : 1;
                if (operations + cost > MaxOperations)
                {
                    yield return chunk;
                    (chunk, operations) = ([], 0);
                }
                chunk.Add(start);
                operations += cost;
            }
            yield return chunk;
        }
    }

    private static IEnumerable<TableEntity> Entities(NewRun start) =>
        start.Claim
            ? [ActiveRuns.Claim(start.Record.TaskId, start.Record.RunId), RunRepository.ToEntity(start.Record)]
            : [RunRepository.ToEntity(start.Record)];

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }
}
