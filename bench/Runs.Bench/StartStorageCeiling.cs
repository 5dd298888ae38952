using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Courier.Runs.Bench;

/// <summary>
/// What this Azurite can take at the load generator's concurrency, with no HTTP host in between: the
/// storage work of one durable start done directly with the SDK (read the task row, claim the task, write
/// the run record, add the instance row, send the start message), and on their own the two writes no
/// durable start can skip (the instance row and the start message). The start API's figure is printed
/// beside them.
/// </summary>
internal static class StartStorageCeiling
{
    public const int RequestsPerStart = 5;

    public sealed record Rates(double Starts, double QueueSends, double TableInserts);

    public static async Task<Rates> MeasureAsync(string storage, TimeSpan duration, int concurrency)
    {
        var tables = new TableServiceClient(storage);
        var tasks = await TableAsync(tables, "ceilingtasks");
        var claims = await TableAsync(tables, "ceilingclaims");
        var runs = await TableAsync(tables, "ceilingruns");
        var instances = await TableAsync(tables, "ceilinginstances");
        var queue = new QueueServiceClient(storage).GetQueueClient("ceiling-control");
        await queue.CreateIfNotExistsAsync();
        await tasks.UpsertEntityAsync(new TableEntity("task", "row") { ["Definition"] = new string('t', 2_000) });

        var starts = await RateAsync(duration, concurrency, async () =>
        {
            var id = Guid.NewGuid().ToString("N");
            await tasks.GetEntityAsync<TableEntity>("task", "row");
            await claims.AddEntityAsync(new TableEntity(id, "active") { ["RunId"] = id });
            await runs.UpsertEntityAsync(new TableEntity(id, id) { ["Status"] = "Pending", ["CreatedAt"] = TimeProvider.System.GetUtcNow() });
            await instances.AddEntityAsync(Instance(id));
            await queue.SendMessageAsync(Message);
        });
        var sends = await RateAsync(duration, concurrency, async () => await queue.SendMessageAsync(Message));
        var inserts = await RateAsync(duration, concurrency, async () => await instances.AddEntityAsync(Instance(Guid.NewGuid().ToString("N"))));
        return new Rates(starts, sends, inserts);
    }

    private static readonly BinaryData Message = BinaryData.FromString(new string('m', 400));

    private static TableEntity Instance(string id) => new(id, "") { ["Status"] = "Pending", ["Input"] = new string('i', 300) };

    private static async Task<TableClient> TableAsync(TableServiceClient tables, string name)
    {
        var table = tables.GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    /// <summary>Operations per second over <paramref name="duration"/> with <paramref name="concurrency"/> callers in a loop.</summary>
    private static async Task<double> RateAsync(TimeSpan duration, int concurrency, Func<Task> operation)
    {
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var done = 0;
            while (clock.Elapsed < duration)
            {
                await operation();
                done++;
            }
            return done;
        }));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }
}
