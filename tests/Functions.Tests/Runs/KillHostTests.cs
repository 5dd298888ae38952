using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Courier.Domain.Model;
using Courier.Functions.Tests.Api;
using Courier.Testing;

namespace Courier.Functions.Tests.Runs;

/// <summary>
/// The built host killed with SIGKILL in the middle of a run with 20 deliveries, then started again: the
/// run completes, and the SFTP server holds every file once and maildev every message (one Message-ID each).
/// </summary>
public sealed class KillHostTests(EndToEndServers servers) : IClassFixture<EndToEndServers>
{
    private const int Reports = 10;

    [Fact]
    public async Task A_run_killed_mid_delivery_completes_after_a_restart_with_every_delivery_made_once()
    {
        var scratch = TestRun.NewTempDirectory("kill-host");
        // A killed worker's in-flight activities come back when their queue messages become visible again:
        // shorter than the 5-minute default here, so the test does not wait for minutes.
        var settings = new Dictionary<string, string?>(servers.Settings)
        {
            ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:30",
            ["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:15",
        };
        var (first, client) = await HostExecutable.StartAsync(settings, scratch);
        await using var firstHost = first;
        using var firstClient = client;
        client.DefaultRequestHeaders.Add("x-functions-key", CourierAppFactory.BootstrapKey);
        var folder = UniqueName.For("kill");
        var reader = UniqueName.For("kim") + "@e2e.test";
        var taskId = await CreateTaskAsync(client, folder, reader);

        using var started = await client.PostAsync($"/api/tasks/{taskId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!;

        // Kill the host as soon as the first file lands: the other deliveries are in flight or not begun.
        var landed = Path.Combine(servers.Ssh.RootDirectory, folder);
        await Eventually.HoldsAsync(
            () => Task.FromResult(Directory.Exists(landed) && Directory.EnumerateFiles(landed).Any()),
            any => any, TimeSpan.FromSeconds(120), "the first delivery to land on the SFTP server");
        first.Kill();

        var (second, secondClient) = await HostExecutable.StartAsync(settings, scratch);
        await using var secondHost = second;
        using var again = secondClient;
        again.DefaultRequestHeaders.Add("x-functions-key", CourierAppFactory.BootstrapKey);
        var detail = await Eventually.HoldsAsync(
            async () => await again.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}"),
            d => d.GetProperty("run").GetProperty("completedAt").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(240), $"run {runId} to complete on the restarted host");

        Assert.Equal("succeeded", detail.GetProperty("run").GetProperty("status").GetString(), ignoreCase: true);
        var deliveries = detail.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(2 * Reports, deliveries.Count);
        var files = Directory.GetFiles(landed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(0, Reports).Select(i => $"part{i}.csv"), files);
        var messages = (await servers.Mail.GetMessagesAsync()).Where(m => m.ToList.Any(a => a.Address == reader)).ToList();
        // Every message arrived; one caught by the kill between the server's acceptance and the "sent" mark
        // is sent again with the same Message-ID (see IEmailSendLog), so distinct Message-IDs count messages.
        Assert.Equal(Reports, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(Reports, messages.SelectMany(m => m.AttachmentList).Select(a => a.FileName).Distinct().Count());
        Directory.Delete(scratch, recursive: true);
    }

    private async Task<Guid> CreateTaskAsync(HttpClient client, string folder, string reader)
    {
        var project = await EndToEndServers.CreateAsync(client, "/api/projects", ApiSamples.Project() with { Name = UniqueName.For("Kill"), Filters = [] });
        var database = await EndToEndServers.CreateAsync(client, "/api/connections", servers.PostgresConnection());
        var sftp = await EndToEndServers.CreateAsync(client, "/api/connections", servers.SftpConnection());
        var smtp = await EndToEndServers.CreateAsync(client, "/api/connections", servers.SmtpConnection());
        var kim = await EndToEndServers.CreateAsync(client, "/api/recipients", new Recipient { Name = "Kim", Email = reader });
        // Ten reports, each one file to SFTP and one email: twenty deliveries.
        return await EndToEndServers.CreateAsync(client, "/api/tasks", new TaskDefinition
        {
            Name = UniqueName.For("twenty deliveries"),
            ProjectId = project,
            Owner = "alice",
            Enabled = true,
            Reports = [.. Enumerable.Range(0, Reports).Select(i => new ReportDefinition
            {
                Name = $"part {i}",
                Source = new SourceDefinition { Kind = SourceKind.Sql, ConnectionId = database, Query = new CodeLocation { Text = $"select id, amount from e2e_orders where id % {Reports} = {i}" } },
                Output = new ReportOutput { FileNameTemplate = $"part{i}.csv" },
            })],
            Destinations =
            [
                new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftp, Folder = folder },
                new Destination { Kind = DestinationKind.Email, ConnectionId = smtp, Email = new EmailOptions { Subject = "Part" } },
            ],
            RecipientIds = [kim],
        });
    }
}
