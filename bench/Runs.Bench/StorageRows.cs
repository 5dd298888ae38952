using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Courier.Runs.Bench;

/// <summary>How many rows each table holds and how many messages each queue: what a phase of the bench left behind.</summary>
internal static class StorageRows
{
    public static async Task<Dictionary<string, int>> CountAsync(string storage)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var tables = new TableServiceClient(storage);
        await foreach (var table in tables.QueryAsync())
        {
            var rows = 0;
            await foreach (var _ in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey"]))
            {
                rows++;
            }
            counts[$"table {table.Name}"] = rows;
        }
        var queues = new QueueServiceClient(storage);
        await foreach (var queue in queues.GetQueuesAsync())
        {
            var properties = await queues.GetQueueClient(queue.Name).GetPropertiesAsync();
            counts[$"queue {queue.Name} (messages)"] = properties.Value.ApproximateMessagesCount;
        }
        return counts;
    }
}
