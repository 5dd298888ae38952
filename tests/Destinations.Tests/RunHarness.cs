using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Courier.Domain.Catalog;
using Courier.Domain.Delivery;
using Courier.Domain.Hub;
using Courier.Domain.Model;
using Courier.Domain.Notifications;
using Courier.Domain.Pipeline.Storage;
using Courier.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Destinations.Tests;

/// <summary>
/// The host's wiring on Azurite: the catalog under its own table prefix (real repositories, encrypted
/// secrets) plus <c>AddRunDeliveries()</c>, and helpers to store a run's output file the way the pipeline does.
/// </summary>
internal sealed class RunHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public RunHarness(string storageConnectionString)
    {
        _services = new ServiceCollection()
            .AddCourierCatalog(
                storage => { storage.ConnectionString = storageConnectionString; storage.TablePrefix = UniqueName.For("c"); },
                secrets => { secrets.ActiveKeyId = "k1"; secrets.Keys["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)); })
            .AddSingleton(new TableServiceClient(storageConnectionString))
            .AddSingleton(new BlobServiceClient(storageConnectionString))
            .AddRunDeliveries()
            .BuildServiceProvider();
    }

    public IRunDeliveries Deliveries => _services.GetRequiredService<IRunDeliveries>();

    public IRunNotifications Notifications => _services.GetRequiredService<IRunNotifications>();

    public HubStore Hub => _services.GetRequiredService<HubStore>();

    public HubViewers Viewers => _services.GetRequiredService<HubViewers>();

    public ResendService Resend => _services.GetRequiredService<ResendService>();

    public TaskDestinationSettings DestinationSettings => _services.GetRequiredService<TaskDestinationSettings>();

    public IDeliveryStore Records => _services.GetRequiredService<IDeliveryStore>();

    public async Task<Guid> AddAsync(Connection connection) =>
        (await _services.GetRequiredService<ConnectionCatalog>().CreateAsync(connection)).Value.Id;

    public async Task<Guid> AddAsync(Recipient recipient) =>
        (await _services.GetRequiredService<RecipientCatalog>().CreateAsync(recipient)).Value.Id;

    public async Task<Guid> AddAsync(RecipientGroup group) =>
        (await _services.GetRequiredService<RecipientCatalog>().CreateAsync(group)).Value.Id;

    public async Task<Project> AddProjectAsync(string name) =>
        (await _services.GetRequiredService<ProjectCatalog>().CreateAsync(new Project { Name = name, Owner = "alice" })).Value;

    /// <summary>Stored through the validating catalog and read back, as the run will snapshot it.</summary>
    public async Task<TaskDefinition> AddTaskAsync(TaskDefinition task)
    {
        var catalog = _services.GetRequiredService<TaskCatalog>();
        var created = await catalog.CreateAsync(task);
        return (await catalog.GetAsync(created.Value.Id)).Value;
    }

    /// <summary>A database connection for the report's source (never opened: the report is already built).</summary>
    public Task<Guid> AddWarehouseAsync() => AddAsync(new Connection
    {
        Name = UniqueName.For("warehouse"),
        Kind = ConnectionKind.Postgres,
        Settings = new ConnectionSettings { Host = "db.invalid", Database = "dw", Username = "reader" },
        Secrets = new ConnectionSecrets { Password = "unused" },
    });

    /// <summary>Writes the file to the outputs container as the pipeline does and returns its RunFile row.</summary>
    public async Task<RunFile> StoreOutputAsync(string runId, string name, string text, long rows)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var container = _services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(OutputBlobStore.DefaultContainer);
        await container.CreateIfNotExistsAsync();
        var blobName = $"p/t/{runId}/{name}";
        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" } });
        // Blob Storage's Content-MD5 is why RunFile keeps an MD5; it is an integrity check, not security.
#pragma warning disable CA5351
        var md5 = Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351
        return new RunFile(runId, name, bytes.Length, md5, Convert.ToHexStringLower(SHA256.HashData(bytes)),
            $"{OutputBlobStore.DefaultContainer}/{blobName}", rows, rows == 0);
    }

    public static ReportDefinition Report(string name, Guid warehouseId, HubPublishing? hub = null) => new()
    {
        Name = name,
        Source = new SourceDefinition { Kind = SourceKind.Sql, ConnectionId = warehouseId, Query = new CodeLocation { Text = "select 1" } },
        Output = new ReportOutput { FileNameTemplate = name + ".csv" },
        Hub = hub,
    };

    public void Dispose() => _services.Dispose();
}
