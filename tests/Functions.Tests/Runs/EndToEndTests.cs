using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Courier.Domain.Model;
using Courier.Domain.Scheduling;
using Courier.Functions.Tests.Api;
using Courier.Testing;

namespace Courier.Functions.Tests.Runs;

/// <summary>
/// Runs through the real host and real servers: a cron schedule fires → PostgreSQL → CSV → PGP → zip →
/// SFTP, email and the Hub → a success notification with the log and the file; and the failure path with retries.
/// </summary>
public sealed class EndToEndTests(EndToEndServers servers) : IClassFixture<EndToEndServers>
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_scheduled_run_extracts_encrypts_zips_delivers_publishes_and_notifies()
    {
        using var admin = servers.Admin();
        var folder = UniqueName.For("e2e");
        var reader = UniqueName.For("ann") + "@e2e.test";
        var operations = UniqueName.For("ops") + "@e2e.test";
        var project = await EndToEndServers.CreateAsync(admin, "/api/projects", ApiSamples.Project() with { Name = UniqueName.For("E2E"), Filters = [] });
        var database = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.PostgresConnection());
        var sftp = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.SftpConnection());
        var smtp = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.SmtpConnection());
        var key = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.GpgConnection());
        var ann = await EndToEndServers.CreateAsync(admin, "/api/recipients", new Recipient { Name = "Ann", Email = reader, CanSeeInHub = true });
        var ops = await EndToEndServers.CreateAsync(admin, "/api/recipients", new Recipient { Name = "Ops", Email = operations });
        var task = new TaskDefinition
        {
            Name = UniqueName.For("orders every 5 s"),
            ProjectId = project,
            Owner = "alice",
            Enabled = true,
            Reports =
            [
                new ReportDefinition
                {
                    Name = "orders",
                    Source = new SourceDefinition { Kind = SourceKind.Sql, ConnectionId = database, Query = new CodeLocation { Text = "select id, region, amount from e2e_orders order by id" } },
                    Output = new ReportOutput { FileNameTemplate = "orders_{today:yyyyMMdd}.csv", PgpKeyConnectionId = key, Zip = true },
                    Hub = new HubPublishing { Enabled = true, RecipientIds = [ann] },
                },
            ],
            Destinations =
            [
                new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftp, Folder = folder },
                new Destination { Kind = DestinationKind.Email, ConnectionId = smtp, Email = new EmailOptions { Subject = "Orders", Message = "The orders are attached." } },
            ],
            RecipientIds = [ann],
            Notifications = [new Notification { On = [RunOutcome.Success], ConnectionId = smtp, RecipientIds = [ops], AttachLog = true, AttachFiles = true }],
            Schedules = [new Schedule { Id = Guid.NewGuid(), Kind = ScheduleKind.Cron, Cron = "*/5 * * * * *", TimeZone = "Europe/Paris", CatchUp = CatchUpPolicy.None }],
        };
        var taskId = await EndToEndServers.CreateAsync(admin, "/api/tasks", task);

        var run = await Eventually.HoldsAsync(
            async () => await EndToEndServers.GetAsync(admin, $"/api/runs?taskId={taskId}"),
            page => page.GetProperty("items").EnumerateArray().Any(Finished),
            RunDeadline,
            "the first scheduled run to finish");
        using (var disable = await admin.PostAsJsonAsync("/api/tasks/disable", new { ids = new[] { taskId } }))
        {
            disable.EnsureSuccessStatusCode();
        }
        var first = run.GetProperty("items").EnumerateArray().First(Finished);
        var runId = first.GetProperty("runId").GetString()!;
        Assert.StartsWith(ScheduleInstanceId.Prefix, runId, StringComparison.Ordinal);
        Assert.True(first.GetProperty("status").GetString() == "succeeded", $"The run ended {first.GetProperty("status")}: {first.GetProperty("reason")}");

        var detail = await EndToEndServers.GetAsync(admin, $"/api/runs/{Uri.EscapeDataString(runId)}");
        var file = Assert.Single(detail.GetProperty("files").EnumerateArray());
        var fileName = file.GetProperty("name").GetString()!;
        Assert.Matches(@"^orders_\d{8}\.csv\.gpg\.zip$", fileName);
        var deliveries = detail.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(3, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal("delivered", d.GetProperty("status").GetString(), ignoreCase: true));

        // SFTP holds the very bytes the run recorded; unzip + gpg give back the query's rows.
        var delivered = Path.Combine(servers.Ssh.RootDirectory, folder, fileName);
        var bytes = await File.ReadAllBytesAsync(delivered);
        Assert.Equal(file.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(EndToEndServers.OrderRows + 1, DecryptedLines(bytes).Length);

        var messages = await servers.Mail.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30));
        var toReader = Assert.Single(messages, m => m.ToList.Any(a => a.Address == reader));
        Assert.Equal(fileName, Assert.Single(toReader.AttachmentList).FileName);
        var notification = Assert.Single(messages, m => m.ToList.Any(a => a.Address == operations));
        Assert.Contains(notification.AttachmentList, a => a.FileName?.EndsWith(".log", StringComparison.Ordinal) == true);
        var attached = Assert.Single(notification.AttachmentList, a => a.FileName == fileName);
        Assert.Equal(bytes, await servers.Mail.GetAttachmentAsync(notification.Id, attached.GeneratedFileName));

        // The Hub shows the report to its reader, and only to her; the download is the same file.
        var published = Assert.Single((await EndToEndServers.GetAsync(admin, $"/api/hub/reports?user={reader}")).EnumerateArray());
        Assert.Empty((await EndToEndServers.GetAsync(admin, $"/api/hub/reports?user={operations}")).EnumerateArray());
        var reportKey = Uri.EscapeDataString(published.GetProperty("reportKey").GetString()!);
        var version = published.GetProperty("latest").GetProperty("version").GetInt64();
        var download = await admin.GetByteArrayAsync($"/api/hub/reports/{reportKey}/versions/{version}/content?user={reader}");
        Assert.Equal(bytes, download);

        using var log = await admin.GetAsync($"/api/runs/{Uri.EscapeDataString(runId)}/log");
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        Assert.Contains($"Built {fileName}", await log.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_sftp_server_that_is_down_fails_after_two_retries_or_succeeds_once_when_it_comes_back(bool comesBack)
    {
        using var admin = servers.Admin();
        var folder = UniqueName.For("retry");
        var operations = UniqueName.For("ops") + "@e2e.test";
        var downPort = FreePort.Next();
        var project = await EndToEndServers.CreateAsync(admin, "/api/projects", ApiSamples.Project() with { Name = UniqueName.For("Retry"), Filters = [] });
        var database = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.PostgresConnection());
        var sftp = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.SftpConnection(downPort));
        var smtp = await EndToEndServers.CreateAsync(admin, "/api/connections", servers.SmtpConnection());
        var ops = await EndToEndServers.CreateAsync(admin, "/api/recipients", new Recipient { Name = "Ops", Email = operations });
        var taskId = await EndToEndServers.CreateAsync(admin, "/api/tasks", new TaskDefinition
        {
            Name = UniqueName.For("retrying"),
            ProjectId = project,
            Owner = "alice",
            Enabled = true,
            Reports =
            [
                new ReportDefinition
                {
                    Name = "orders",
                    Source = new SourceDefinition { Kind = SourceKind.Sql, ConnectionId = database, Query = new CodeLocation { Text = "select id from e2e_orders" } },
                    Output = new ReportOutput { FileNameTemplate = "ids.csv" },
                },
            ],
            Destinations = [new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftp, Folder = folder }],
            Notifications = [new Notification { On = [RunOutcome.Error, RunOutcome.Success], ConnectionId = smtp, RecipientIds = [ops], AttachLog = true }],
            Retry = new Domain.Model.RetryPolicy { MaxRetries = 2, FirstDelay = TimeSpan.FromSeconds(3), BackoffCoefficient = 2, MaxDelay = TimeSpan.FromSeconds(20) },
        });

        using var started = await admin.PostAsync($"/api/tasks/{taskId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString()!;
        await using var revived = comesBack ? await BringBackAsync(admin, runId, downPort) : null;

        var run = await Eventually.HoldsAsync(
            async () => await EndToEndServers.GetAsync(admin, $"/api/runs/{runId}"),
            detail => detail.GetProperty("run").GetProperty("completedAt").ValueKind == JsonValueKind.String,
            RunDeadline,
            $"run {runId} to end");

        var record = run.GetProperty("run");
        var log = await admin.GetStringAsync($"/api/runs/{runId}/log");
        var messages = await servers.Mail.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
        var notification = Assert.Single(messages, m => m.ToList.Any(a => a.Address == operations));
        Assert.Contains(notification.AttachmentList, a => a.FileName?.EndsWith(".log", StringComparison.Ordinal) == true);
        if (comesBack)
        {
            Assert.Equal("succeeded", record.GetProperty("status").GetString(), ignoreCase: true);
            Assert.Single(Directory.GetFiles(Path.Combine(servers.Ssh.RootDirectory, folder)));
            Assert.Single(run.GetProperty("deliveries").EnumerateArray(), d => d.GetProperty("status").GetString() is "delivered" or "Delivered");
        }
        else
        {
            Assert.Equal("failed", record.GetProperty("status").GetString(), ignoreCase: true);
            Assert.Equal(3, record.GetProperty("attempt").GetInt32());
            Assert.Contains(downPort.ToString(System.Globalization.CultureInfo.InvariantCulture), record.GetProperty("reason").GetString(), StringComparison.Ordinal);
            // The waits between attempts: 3 s, then 3 s × 2.
            Assert.Equal(2, log.Split('\n').Count(line => line.Contains("RetryScheduled", StringComparison.Ordinal)));
        }
    }

    /// <summary>Opens the port the connection points at (relayed to the real sshd) once the run has failed its first attempt.</summary>
    private async Task<TcpRelay> BringBackAsync(HttpClient admin, string runId, int port)
    {
        await Eventually.HoldsAsync(
            async () => await EndToEndServers.GetAsync(admin, $"/api/runs/{runId}"),
            detail => detail.GetProperty("run").GetProperty("status").GetString() is "retryScheduled" or "RetryScheduled",
            RunDeadline,
            $"run {runId} to wait for its first retry");
        return TcpRelay.Start(port, servers.Ssh.Port);
    }

    private static bool Finished(JsonElement run) =>
        run.GetProperty("runId").GetString()!.StartsWith(ScheduleInstanceId.Prefix, StringComparison.Ordinal)
        && run.GetProperty("status").GetString() is not ("queued" or "running" or "retryScheduled");

    private string[] DecryptedLines(byte[] zipped)
    {
        var folder = TestRun.NewTempDirectory("e2e-gpg");
        using (var archive = new ZipArchive(new MemoryStream(zipped)))
        {
            var entry = Assert.Single(archive.Entries);
            entry.ExtractToFile(Path.Combine(folder, entry.Name));
            servers.Gpg.Decrypt(Path.Combine(folder, entry.Name), Path.Combine(folder, "plain.csv"));
        }
        var lines = File.ReadAllLines(Path.Combine(folder, "plain.csv"));
        Directory.Delete(folder, recursive: true);
        return lines;
    }
}
