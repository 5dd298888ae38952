using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Courier.Domain.Catalog;
using Courier.Domain.Reports;
using Courier.Domain.Storage;
using Courier.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Sources.Tests.Reports;

/// <summary>
/// PostgreSQL, Azurite and a gpg home shared by the report tests, and the services wired as the host
/// wires them: the catalog (connections stored encrypted), AddReports, blob and table clients.
/// </summary>
public sealed class ReportServers : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();
    private readonly AzuriteFixture _azurite = new();
    private ServiceProvider? _services;

    public PostgresServer Postgres => _postgres.Server;

    public string AzuriteConnectionString => _azurite.ConnectionString;

    public Gpg Gpg { get; } = new();

    public string WorkingRoot { get; } = TestRun.NewTempDirectory("reports");

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The servers have not started.");

    public ConnectionRepository Connections => Services.GetRequiredService<ConnectionRepository>();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), _azurite.InitializeAsync());
        var services = new ServiceCollection();
        services.AddCourierCatalog(
            storage =>
            {
                storage.ConnectionString = _azurite.ConnectionString;
                storage.TablePrefix = UniqueName.For("rep");
            },
            secrets =>
            {
                secrets.ActiveKeyId = "k1";
                secrets.Keys["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            });
        services.AddSingleton(new BlobServiceClient(_azurite.ConnectionString));
        services.AddSingleton(new TableServiceClient(_azurite.ConnectionString));
        services.AddReports(options => options.WorkingRoot = WorkingRoot);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        await Task.WhenAll(_postgres.DisposeAsync(), _azurite.DisposeAsync());
        Gpg.Dispose();
    }
}
