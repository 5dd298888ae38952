using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Courier.Durable.Bench;

/// <summary>The reference figures: what Azurite itself sustains at the engine's concurrency.</summary>
internal static class RawAzurite
{
    public static async Task<(double Send, double Receive, double Delete, double Commit)> MeasureAsync(string connectionString, int callers)
    {
        var queue = new QueueClient(connectionString, "rawbench");
        await queue.CreateIfNotExistsAsync();
        var table = new TableClient(connectionString, "rawbench");
        await table.CreateIfNotExistsAsync();
        const int PerCaller = 60;
        var send = await RateAsync(callers, PerCaller, async (c, i) => await queue.SendMessageAsync($"message {c}-{i}"));
        var handles = new System.Collections.Concurrent.ConcurrentQueue<(string Id, string Receipt)>();
        var receive = await RateAsync(callers, 4, async (c, i) =>
        {
            foreach (var m in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value)
            {
                handles.Enqueue((m.MessageId, m.PopReceipt));
            }
        });
        var delete = await RateAsync(callers, PerCaller, async (c, i) =>
        {
            if (handles.TryDequeue(out var h))
            {
                await queue.DeleteMessageAsync(h.Id, h.Receipt);
            }
        });
        var commit = await RateAsync(callers, PerCaller, async (c, i) => await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"p{c}", $"e{i}") { ["V"] = i }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity($"p{c}", "sentinel") { ["V"] = i }),
        ]));
        return (send, receive, delete, commit);
    }

    private static async Task<double> RateAsync(int callers, int perCaller, Func<int, int, Task> call)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
        {
            for (var i = 0; i < perCaller; i++)
            {
                await call(c, i);
            }
        }));
        return callers * perCaller / watch.Elapsed.TotalSeconds;
    }
}
