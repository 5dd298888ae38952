using System.Diagnostics;
using Azure.Data.Tables;

namespace Courier.Durable.Bench;

/// <summary>
/// Waits until the partition leases are spread over the expected number of workers, so a scenario
/// measures steady throughput rather than a hand-over that happens once per process start.
/// </summary>
internal static class LeaseBalance
{
    public static async Task<TimeSpan> WaitAsync(string connectionString, string hub, int workers, TimeSpan limit)
    {
        var table = new TableClient(connectionString, $"{hub}Partitions");
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            var owners = new List<string>();
            try
            {
                await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == ""))
                {
                    owners.Add(row.GetString("Owner") ?? "");
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // The workers have not created the table yet.
            }
            var counts = owners.Where(o => o.Length > 0).GroupBy(o => o).Select(g => g.Count()).ToList();
            if (owners.Count > 0 && owners.All(o => o.Length > 0) && counts.Count == workers && counts.Max() - counts.Min() <= 1)
            {
                return watch.Elapsed;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The partition leases of {hub} were not balanced over {workers} workers within {limit}.");
    }
}
