using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Courier.Runs.Bench;

/// <summary>
/// The storage work of one durable start, done directly with the SDK at the load generator's
/// concurrency and no HTTP host in between: read the task row, claim the task, write the run record,
/// add the instance row, send the start message. Its rate is the most starts/s this Azurite can take,
/// whatever the host does; the start API's figure is printed beside it.
/// </summary>
internal static class StartStorageCeiling
{
    public const int RequestsPerStart = 5;

    public static async Task<double> MeasureAsync(string storage, TimeSpan duration, int concurrency)
    {
        var tables = new TableServiceClient(storage);
        var tasks = tables.GetTableClient("ceilingtasks");
        var claims = tables.GetTableClient("ceilingclaims");
        var runs = tables.GetTableClient("ceilingruns");
        var instances = tables.GetTableClient("ceilinginstances");
        foreach (var table in new[] { tasks, claims, runs, instances })
        {
            await table.CreateIfNotExistsAsync();
        }
        var queue = new QueueServiceClient(storage).GetQueueClient("ceiling-control");
        await queue.CreateIfNotExistsAsync();
        await tasks.UpsertEntityAsync(new TableEntity("task", "row") { ["Definition"] = new string('t', 2_000) });

        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var done = 0;
            while (clock.Elapsed < duration)
            {
                var id = Guid.NewGuid().ToString("N");
                await tasks.GetEntityAsync<TableEntity>("task", "row");
                await claims.AddEntityAsync(new TableEntity(id, "active") { ["RunId"] = id });
                await runs.UpsertEntityAsync(new TableEntity(id, id) { ["Status"] = "Pending", ["CreatedAt"] = TimeProvider.System.GetUtcNow() });
                await instances.AddEntityAsync(new TableEntity(id, "") { ["Status"] = "Pending", ["Input"] = new string('i', 300) });
                await queue.SendMessageAsync(BinaryData.FromString(new string('m', 400)));
                done++;
            }
            return done;
        }));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }
}
