using Azure.Core;
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

    private readonly string _connectionString;
    private StorageClients? _withoutRetries;

    public StorageClients(string connectionString)
        : this(connectionString, retry: null)
    {
    }

    private StorageClients(string connectionString, Action<RetryOptions>? retry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        Tables = new TableServiceClient(connectionString, Configure(new TableClientOptions(), retry));
        Queues = new QueueServiceClient(connectionString, Configure(new QueueClientOptions(), retry));
        Blobs = new BlobServiceClient(connectionString, Configure(new BlobClientOptions(), retry));
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    /// <summary>
    /// Clients that fail on the first error: a probe must report "unreachable" at once instead of
    /// spending its deadline on the SDK's back-off.
    /// </summary>
    public StorageClients WithoutRetries() =>
        _withoutRetries ??= new StorageClients(_connectionString, retry => retry.MaxRetries = 0);

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

    private static T Configure<T>(T options, Action<RetryOptions>? retry)
        where T : ClientOptions
    {
        retry?.Invoke(options.Retry);
        return options;
    }
}
