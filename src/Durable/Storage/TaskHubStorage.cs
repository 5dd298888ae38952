using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Courier.Durable.Hosting;

namespace Courier.Durable.Storage;

/// <summary>The storage artifacts of one task hub and the clients that reach them.</summary>
internal sealed class TaskHubStorage
{
    private readonly QueueClient[] _controlQueues;
    private readonly Dictionary<string, QueueClient> _queuesByName;

    public TaskHubStorage(string connectionString, string hubName, int partitionCount)
    {
        HubName = hubName;
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(new StorageRequestCounter("table"), Azure.Core.HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions();
        queueOptions.AddPolicy(new StorageRequestCounter("queue"), Azure.Core.HttpPipelinePosition.PerRetry);
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(new StorageRequestCounter("blob"), Azure.Core.HttpPipelinePosition.PerRetry);
        var tables = new TableServiceClient(connectionString, tableOptions);
        var queues = new QueueServiceClient(connectionString, queueOptions);
        Instances = tables.GetTableClient($"{hubName}Instances");
        History = tables.GetTableClient($"{hubName}History");
        Partitions = tables.GetTableClient($"{hubName}Partitions");
        _controlQueues = [.. Enumerable.Range(0, partitionCount).Select(i => queues.GetQueueClient(ControlQueueName(hubName, i)))];
        WorkItems = queues.GetQueueClient($"{hubName}-workitems");
        Poison = queues.GetQueueClient($"{hubName}-poison");
        LargePayloads = new BlobServiceClient(connectionString, blobOptions).GetBlobContainerClient($"{hubName}-large");
        _queuesByName = _controlQueues.Append(WorkItems).Append(Poison).ToDictionary(q => q.Name, StringComparer.Ordinal);
    }

    public static TaskHubStorage From(DurableOptions options) =>
        new(options.ConnectionString ?? throw new InvalidOperationException("No storage connection string is configured."),
            options.HubName, options.StorageProvider.PartitionCount);

    public string HubName { get; }

    public TableClient Instances { get; }

    public TableClient History { get; }

    public TableClient Partitions { get; }

    public QueueClient WorkItems { get; }

    public QueueClient Poison { get; }

    public BlobContainerClient LargePayloads { get; }

    public IReadOnlyList<QueueClient> ControlQueues => _controlQueues;

    public int PartitionOf(string instanceId) => (int)(Fnv1a.Hash(instanceId) % (uint)_controlQueues.Length);

    public QueueClient ControlQueueFor(string instanceId) => _controlQueues[PartitionOf(instanceId)];

    public QueueClient Queue(string name) =>
        _queuesByName.TryGetValue(name, out var queue) ? queue : throw new InvalidOperationException($"Unknown queue '{name}'.");

    public static string ControlQueueName(string hubName, int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"{hubName}-control-{partition:00}");

    /// <summary>Creates every table, queue and container the hub needs (idempotent).</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            Instances.CreateIfNotExistsAsync(cancellationToken),
            History.CreateIfNotExistsAsync(cancellationToken),
            Partitions.CreateIfNotExistsAsync(cancellationToken),
            WorkItems.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            LargePayloads.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            Task.WhenAll(_controlQueues.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
    }
}
