using Azure;
using Azure.Data.Tables;

namespace Courier.Domain.Runs;

/// <summary>
/// Writes the claims and run records of many fresh starts with one table transaction per shard (both or neither
/// for each start), instead of two requests per start: what lets concurrent starts share storage requests.
/// A claim already held fails its transaction naming that entity; that start is set aside for its caller to
/// resolve on its own (<see cref="ActiveRuns.TryClaimAsync"/>) and the rest is sent again.
/// </summary>
public sealed class RunStartWriter(TableServiceClient tables)
{
    /// <summary>The most operations one table transaction may hold.</summary>
    private const int MaxOperations = 100;

    private readonly TableClient _table = tables.GetTableClient(RunRepository.TableName);
    private volatile bool _created;

    /// <summary>Writes every start whose claim is free; returns the starts whose task was already claimed (nothing written for them).</summary>
    public async Task<IReadOnlyList<NewRun>> AddAsync(IReadOnlyList<NewRun> starts, CancellationToken cancellationToken)
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

    private async Task<List<NewRun>> AddChunkAsync(List<NewRun> chunk, CancellationToken cancellationToken)
    {
        var held = new List<NewRun>();
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
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, RunRepository.ToEntity(start.Record)));
            }
            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return held;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is { } index)
            {
                // Only a claim's Add can conflict (records are upserts): that task is claimed already.
                held.Add(owners[index]);
                chunk = [.. chunk.Where(s => s != owners[index])];
            }
        }
        return held;
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
