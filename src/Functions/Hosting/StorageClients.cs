using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Courier.Functions.Hosting;

/// <summary>
/// The one place the Azure Storage clients are built, from <c>AzureWebJobsStorage</c>: a full
/// connection string or <c>UseDevelopmentStorage=true</c> (Azurite on 127.0.0.1:10000-10002, started
/// with <c>--skipApiVersionCheck</c> so the SDKs' newest service version is accepted).
/// </summary>
public sealed class StorageClients
{
    public const string SettingKey = "AzureWebJobsStorage";

    public StorageClients(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Tables = new TableServiceClient(connectionString);
        Queues = new QueueServiceClient(connectionString);
        Blobs = new BlobServiceClient(connectionString);
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public static StorageClients FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[SettingKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{SettingKey} is not set. Put it in local.settings.json Values (scripts/run creates that file from " +
                "local.settings.sample.json) or in the environment; UseDevelopmentStorage=true means the local Azurite.");
        }
        return new StorageClients(connectionString);
    }
}
