using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Courier.Domain.Model;
using Courier.Functions.Tests.Api;
using Courier.Testing;

namespace Courier.Functions.Tests.Runs;

/// <summary>A blob created under a watched prefix starts the bound task, which reads that blob as its source.</summary>
public sealed class BlobArrivalTests : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private CourierAppFactory? _host;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var settings = CourierAppFactory.SettingsFor(_azurite.ConnectionString);
        settings["Courier:Catalog:TablePrefix"] = UniqueName.For("blob");
        settings["Courier:Secrets:ActiveKeyId"] = "b1";
        settings["Courier:Secrets:Keys:b1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        settings["Courier:BlobTriggers:PollInterval"] = "00:00:01";
        _host = new CourierAppFactory(settings);
    }

    [Fact]
    public async Task A_new_blob_starts_one_run_that_reads_it_and_blobs_already_there_start_nothing()
    {
        using var admin = _host!.CreateClient();
        admin.DefaultRequestHeaders.Add("x-functions-key", CourierAppFactory.BootstrapKey);
        var container = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient(UniqueName.For("drops"));
        await container.CreateAsync();
        await container.UploadBlobAsync("incoming/old.csv", BinaryData.FromString("id\nold\n"));
        var project = await ApiSamples.CreatedAsync(admin, "/api/projects", ApiSamples.Project() with { Name = UniqueName.For("Drops"), Filters = [] });
        var drops = await ApiSamples.CreatedAsync(admin, "/api/connections", new Connection
        {
            Name = UniqueName.For("drops"),
            Kind = ConnectionKind.Blob,
            Settings = new ConnectionSettings { Path = container.Name },
            Secrets = new ConnectionSecrets { ConnectionString = _azurite.ConnectionString },
        });
        var taskId = await ApiSamples.CreatedAsync(admin, "/api/tasks", new TaskDefinition
        {
            Name = UniqueName.For("on arrival"),
            ProjectId = project,
            Owner = "alice",
            Enabled = true,
            Reports =
            [
                new ReportDefinition
                {
                    Name = "arrived",
                    Source = new SourceDefinition { Kind = SourceKind.RemoteFile, ConnectionId = drops, Path = "incoming/*.csv" },
                    Output = new ReportOutput { FileNameTemplate = "arrived.csv", LineEnding = LineEnding.Lf },
                },
            ],
            Triggers = [new Trigger { Id = Guid.NewGuid(), Kind = TriggerKind.BlobCreated, ConnectionId = drops, PathPrefix = "incoming/" }],
        });

        // Let the watcher take its first look (what is there now is not an arrival), then drop a file.
        await Task.Delay(TimeSpan.FromSeconds(4));
        const string Content = "id,amount\n1,9.50\n2,3.25\n";
        await container.UploadBlobAsync("incoming/new.csv", BinaryData.FromString(Content));

        await Eventually.HoldsAsync(
            async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/runs?taskId={taskId}")).GetProperty("items").EnumerateArray().ToList(),
            list => list.Any(r => r.GetProperty("isFinished").GetBoolean()),
            TimeSpan.FromSeconds(90),
            "the arrival's run to end");
        // A few more polls: neither the old blob nor the same new blob may start another run.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var all = (await admin.GetFromJsonAsync<JsonElement>($"/api/runs?taskId={taskId}")).GetProperty("items").EnumerateArray().ToList();

        var run = Assert.Single(all);
        Assert.Equal(("blob", "incoming/new.csv", "succeeded"),
            (run.GetProperty("triggerKind").GetString(), run.GetProperty("triggeredBy").GetString(), run.GetProperty("status").GetString()));
        var copy = await admin.GetByteArrayAsync($"/api/runs/{run.GetProperty("runId").GetString()}/files/arrived.csv");
        Assert.Equal(Content, Encoding.UTF8.GetString(copy));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        await _azurite.DisposeAsync();
    }
}
