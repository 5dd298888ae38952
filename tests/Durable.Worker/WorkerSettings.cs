using System.Globalization;
using Courier.Durable.Hosting;

namespace Courier.Durable.Worker;

/// <summary>Settings shared by tests and worker processes: short timeouts so crash recovery is quick.</summary>
public static class WorkerSettings
{
    public static void Apply(DurableOptions options, string connectionString, string hubName)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ConnectionString = connectionString;
        options.HubName = hubName;
        options.MaxConcurrentOrchestratorFunctions = Int("COURIER_DURABLE_EPISODE_CONCURRENCY", options.MaxConcurrentOrchestratorFunctions);
        var storage = options.StorageProvider;
        storage.PartitionCount = Int("COURIER_DURABLE_PARTITIONS", 2);
        storage.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(Int("COURIER_DURABLE_CONTROL_VISIBILITY_S", 3));
        storage.WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(Int("COURIER_DURABLE_WORK_VISIBILITY_S", 3));
        storage.PoisonMessageDequeueCount = Int("COURIER_DURABLE_POISON_AFTER", 3);
        storage.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(Int("COURIER_DURABLE_MAX_POLL_MS", 200));
        storage.LeaseInterval = TimeSpan.FromSeconds(Int("COURIER_DURABLE_LEASE_S", 3));
        storage.LeaseRenewInterval = TimeSpan.FromMilliseconds(Int("COURIER_DURABLE_LEASE_RENEW_MS", 1000));
        storage.UsePartitionLeases = Environment.GetEnvironmentVariable("COURIER_DURABLE_LEASES") != "0";
    }

    private static int Int(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
