using Azure.Data.Tables;
using Courier.Domain.Runs;
using Courier.Testing;

namespace Courier.Domain.Tests;

/// <summary>
/// Claims and run records of a batch of starts share one transaction per shard: a task already claimed is set aside
/// (nothing written for it) and the rest of its transaction still lands; listings never show claims.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class RunStartWriterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_claimed_task_in_a_shared_transaction_is_set_aside_and_the_other_starts_are_written()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var (writer, runs, active) = (new RunStartWriter(tables), new RunRepository(tables), new ActiveRuns(tables));
        var (busy, free, concurrent) = (OneShard(), OneShard(), OneShard());
        await active.TryClaimAsync(busy, "run-holder", _ => Task.FromResult(true), CancellationToken.None);
        var batch = new[] { Start(free, claim: true), Start(busy, claim: true), Start(concurrent, claim: false) };

        var held = await writer.AddAsync(batch, CancellationToken.None);

        Assert.Equal((busy, "run-holder"), (Assert.Single(held).Start.Record.TaskId, held[0].HeldBy));
        Assert.Empty(await runs.ForTaskAsync(busy, CancellationToken.None));
        Assert.Equal(batch[0].Record.RunId, Assert.Single(await runs.ForTaskAsync(free, CancellationToken.None)).RunId);
        Assert.Equal(batch[2].Record.RunId, Assert.Single(await runs.ForTaskAsync(concurrent, CancellationToken.None)).RunId);
        var (claimed, heldBy) = await active.TryClaimAsync(free, "run-late", _ => Task.FromResult(true), CancellationToken.None);
        Assert.Equal((false, batch[0].Record.RunId), (claimed, heldBy));
        var listed = await runs.ListAsync(new RunFilter { TaskId = free }, 10, null, CancellationToken.None);
        Assert.Equal([batch[0].Record.RunId], listed.Items.Select(r => r.RunId));
    }

    [Fact]
    public async Task Many_claimed_tasks_in_one_transaction_are_all_set_aside_after_one_conflict()
    {
        var requests = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(requests, Azure.Core.HttpPipelinePosition.PerCall);
        var tables = new TableServiceClient(azurite.ConnectionString, options);
        var (writer, runs, active) = (new RunStartWriter(tables), new RunRepository(tables), new ActiveRuns(tables));
        var busy = Enumerable.Range(0, 20).Select(_ => OneShard()).ToList();
        foreach (var task in busy)
        {
            await active.TryClaimAsync(task, $"holder-{task:N}", _ => Task.FromResult(true), CancellationToken.None);
        }
        var free = Enumerable.Range(0, 10).Select(_ => Start(OneShard(), claim: true)).ToList();
        var batch = busy.Select(t => Start(t, claim: true)).Concat(free).OrderBy(_ => Guid.NewGuid()).ToList();
        await writer.AddAsync([], CancellationToken.None); // creates the table, outside the count
        requests.Reset();

        var held = await writer.AddAsync(batch, CancellationToken.None);

        Assert.Equal(
            busy.Select(t => (t, $"holder-{t:N}")).Order(),
            held.Select(h => (h.Start.Record.TaskId, h.HeldBy!)).Order());
        // The failed transaction, one query of the claims, the transaction that lands.
        Assert.Equal(3, requests.Count);
        foreach (var start in free)
        {
            Assert.Equal(start.Record.RunId, Assert.Single(await runs.ForTaskAsync(start.Record.TaskId, CancellationToken.None)).RunId);
        }
        Assert.Empty(await runs.ForTaskAsync(busy[0], CancellationToken.None));
    }

    [Fact]
    public async Task A_transaction_sent_again_after_it_landed_counts_as_written()
    {
        // What the client's retry does when a transaction's answer is lost: the records, added not upserted, exist.
        var tables = new TableServiceClient(azurite.ConnectionString);
        var (writer, runs) = (new RunStartWriter(tables), new RunRepository(tables));
        var batch = Enumerable.Range(0, 3).Select(_ => Start(OneShard(), claim: false)).ToList();
        Assert.Empty(await writer.AddAsync(batch, CancellationToken.None));

        Assert.Empty(await writer.AddAsync(batch, CancellationToken.None));

        foreach (var start in batch)
        {
            Assert.Equal(start.Record.RunId, Assert.Single(await runs.ForTaskAsync(start.Record.TaskId, CancellationToken.None)).RunId);
        }
    }

    [Fact]
    public async Task A_batch_larger_than_a_transaction_is_written_whole_and_taken_back_whole()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var (writer, runs, active) = (new RunStartWriter(tables), new RunRepository(tables), new ActiveRuns(tables));
        // 500 rows, about 125 per shard: more than one transaction of 100 each.
        var batch = Enumerable.Range(0, 300).Select(i => Start(Guid.NewGuid(), claim: i % 3 != 0)).ToList();
        Assert.Empty(await writer.AddAsync(batch, CancellationToken.None));
        Assert.Single(await runs.ForTaskAsync(batch[^1].Record.TaskId, CancellationToken.None));

        await writer.RemoveAsync(batch, CancellationToken.None);

        foreach (var start in batch)
        {
            Assert.Empty(await runs.ForTaskAsync(start.Record.TaskId, CancellationToken.None));
        }
        Assert.True((await active.TryClaimAsync(batch[1].Record.TaskId, "run-next", _ => Task.FromResult(true), CancellationToken.None)).Claimed);
    }

    private static readonly string Shard = RunKeys.Partition(Guid.NewGuid());

    /// <summary>A new task id in <see cref="Shard"/>, so the test's starts share one transaction.</summary>
    private static Guid OneShard()
    {
        while (true)
        {
            var id = Guid.NewGuid();
            if (RunKeys.Partition(id) == Shard)
            {
                return id;
            }
        }
    }

    private static NewRun Start(Guid taskId, bool claim) => new(
        new RunRecord
        {
            RunId = UniqueName.For("run"), TaskId = taskId, TriggerKind = "http", TriggeredBy = "test", CreatedAt = TimeProvider.System.GetUtcNow(),
        },
        claim);

    /// <summary>Counts the requests a client sends.</summary>
    private sealed class RequestCounter : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => _count;

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override void OnSendingRequest(Azure.Core.HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
