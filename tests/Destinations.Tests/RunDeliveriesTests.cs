using System.Text;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Hub;
using Courier.Domain.Model;
using Courier.Domain.Reports;
using Courier.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Courier.Destinations.Tests;

/// <summary>
/// A task stored through the real repositories, its run's file in Azurite: plan every delivery, deliver
/// each (twice, as a re-executed activity would) → the file on sshd, one message per recipient in maildev,
/// a Hub version; test mode; "don't send empty"; clear errors without secrets.
/// </summary>
[Collection(SharedStorage.Name)]
public sealed class RunDeliveriesTests(SshFixture ssh, MailDevFixture mail, AzuriteFixture azurite)
    : IClassFixture<SshFixture>, IClassFixture<MailDevFixture>, IDisposable
{
    private const string Csv = "id,amount\r\n1,10\r\n2,20\r\n";
    private readonly RunHarness _run = new(azurite.ConnectionString);

    private Connection Sftp(string name) => new()
    {
        Name = name,
        Kind = ConnectionKind.Sftp,
        Settings = new ConnectionSettings { Host = ssh.Host, Port = ssh.Port, Username = ssh.UserName, HostKeyFingerprint = ssh.HostKeySha256Fingerprint },
        Secrets = new ConnectionSecrets { PrivateKey = ssh.PrivateKeyPem },
    };

    private Connection Smtp(string name) => new()
    {
        Name = name,
        Kind = ConnectionKind.Smtp,
        Settings = new ConnectionSettings { Host = mail.Host, Port = mail.SmtpPort, FromAddress = "courier@corp.test" },
    };

    private async Task<(TaskDefinition Task, Project Project)> TaskAsync(string tag, Func<TaskDefinition, TaskDefinition> shape)
    {
        var project = await _run.AddProjectAsync(tag);
        var task = new TaskDefinition { Name = tag, ProjectId = project.Id, Owner = "alice", Reports = [RunHarness.Report("orders", await _run.AddWarehouseAsync())] };
        return (await _run.AddTaskAsync(shape(task)), project);
    }

    private Task<IReadOnlyList<CapturedEmail>> MessagesAsync(string tag, int count) =>
        Eventually.WaitAsync(async () => (IReadOnlyList<CapturedEmail>)(await MailDevCapture.ReadAsync(mail)).Where(m => m.Subject.Contains(tag, StringComparison.Ordinal)).ToList(),
            m => m.Count >= count, $"{count} messages for {tag}");

    [Fact]
    public async Task Every_planned_item_is_delivered_once_to_sftp_each_recipient_and_the_hub()
    {
        var tag = UniqueName.For("rd");
        var alice = await _run.AddAsync(new Recipient { Name = "Alice", Email = $"alice@{tag}.test", CanSeeInHub = true });
        var bob = await _run.AddAsync(new Recipient { Name = "Bob", Email = $"bob@{tag}.test" });
        var phone = await _run.AddAsync(new Recipient { Name = "On call", Email = $"5550001@{tag}.sms" });
        var team = await _run.AddAsync(new RecipientGroup { Name = tag, MemberIds = [alice, bob] });
        var carol = await _run.AddAsync(new Recipient { Name = "Carol", Email = $"carol@{tag}.test" });
        var readers = await _run.AddAsync(new RecipientGroup { Name = tag + "-readers", MemberIds = [carol], CanSeeInHub = true });
        var sftp = await _run.AddAsync(Sftp("Partner SFTP"));
        var smtp = await _run.AddAsync(Smtp("Mail relay"));
        var (task, project) = await TaskAsync(tag, t => t with
        {
            Reports = [t.Reports[0] with { Hub = new HubPublishing { Enabled = true, Folder = "Finance", RecipientIds = [alice, bob], GroupIds = [readers] } }],
            Destinations =
            [
                new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftp, Folder = tag },
                new Destination { Kind = DestinationKind.Email, ConnectionId = smtp, Email = new EmailOptions { Subject = tag + " {{ file_name }} for {{ recipient }}" } },
            ],
            RecipientIds = [alice, phone],
            GroupIds = [team],
        });
        var runId = "run-" + tag;
        var file = await _run.StoreOutputAsync(runId, "orders.csv", Csv, rows: 2);

        var items = await _run.Deliveries.PlanAsync(task, project, [new ReportBuildResult("orders", [file])], default);
        var again = await _run.Deliveries.PlanAsync(task, project, [new ReportBuildResult("orders", [file])], default);
        var first = new List<DeliveryReceipt>();
        var second = new List<DeliveryReceipt>();
        foreach (var item in items)
        {
            first.Add(await _run.Deliveries.DeliverAsync(task, project, item, NullLogger.Instance, default));
        }
        foreach (var item in again)
        {
            second.Add(await _run.Deliveries.DeliverAsync(task, project, item, NullLogger.Instance, default));
        }

        Assert.Equal(items.Select(i => i.IdempotencyKey), again.Select(i => i.IdempotencyKey));
        Assert.Equal(5, items.Count);
        Assert.Equal(items.Count, items.Select(i => i.IdempotencyKey).Distinct().Count());
        Assert.Equal([$"alice@{tag}.test", $"5550001@{tag}.sms", $"bob@{tag}.test"], items.Where(i => i.Recipient is not null).Select(i => i.Recipient));
        Assert.All(first, r => Assert.Equal(DeliveryOutcome.Delivered, r.Outcome));
        Assert.All(second, r => Assert.Equal(DeliveryOutcome.AlreadyDelivered, r.Outcome));

        var remote = await LocalDirectory.ReadAsync(ssh.RootDirectory, tag);
        Assert.Equal(Csv, Encoding.UTF8.GetString(Assert.Single(remote, f => f.Key == "orders.csv").Value));
        Assert.Single(remote);

        var messages = await MessagesAsync(tag, 3);
        Assert.Equal(3, messages.Count);
        foreach (var person in new[] { "alice", "bob" })
        {
            var message = Assert.Single(messages, m => m.To.SequenceEqual([$"{person}@{tag}.test"]));
            Assert.Equal($"{tag} orders.csv for {person}@{tag}.test", message.Subject);
            Assert.Equal(Csv, Encoding.UTF8.GetString(Assert.Single(message.Attachments).Content));
        }
        var sms = Assert.Single(messages, m => m.To.SequenceEqual([$"5550001@{tag}.sms"]));
        Assert.Empty(sms.Attachments);
        Assert.True(string.IsNullOrEmpty(sms.Html));

        var reportKey = TaskDestinationSettings.HubReportKey(task, "orders");
        var version = Assert.Single(await _run.Hub.ListVersionsAsync(reportKey, new HubViewer($"alice@{tag}.test", []), default));
        Assert.Equal(("orders.csv", file.Sha256, "Finance"), (version.FileName, version.Sha256, version.Folder));
        // Bob is listed but may not use the Hub; Carol is not listed but belongs to a Hub group the publication names.
        var bobViewer = await _run.Viewers.ForAsync($"BOB@{tag}.test", default);
        Assert.Empty(await _run.Hub.ListVersionsAsync(reportKey, bobViewer!, default));
        Assert.Null(await _run.Viewers.ForAsync($"nobody@{tag}.test", default));
        var carolViewer = await _run.Viewers.ForAsync($"carol@{tag}.test", default);
        var mine = Assert.Single(await _run.Hub.ListMyReportsAsync(carolViewer!, default), r => r.ReportKey == reportKey);
        Assert.Equal(version.Version, mine.Latest.Version);

        var records = await _run.Records.ListForRunAsync(runId, default);
        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.Equal((DeliveryStatus.Delivered, 1), (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task A_file_from_history_is_resent_to_its_original_destinations_resolved_from_the_records()
    {
        var tag = UniqueName.For("rs");
        var alice = await _run.AddAsync(new Recipient { Name = "Alice", Email = $"alice@{tag}.test" });
        var sftp = await _run.AddAsync(Sftp("Partner SFTP"));
        var smtp = await _run.AddAsync(Smtp("Mail relay"));
        var (task, project) = await TaskAsync(tag, t => t with
        {
            Destinations =
            [
                new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftp, Folder = tag },
                new Destination { Kind = DestinationKind.Email, ConnectionId = smtp, Email = new EmailOptions { Subject = tag + " {{ file_name }}" } },
            ],
            RecipientIds = [alice],
        });
        var runId = "run-" + tag;
        var file = await _run.StoreOutputAsync(runId, "orders.csv", Csv, rows: 2);
        foreach (var item in await _run.Deliveries.PlanAsync(task, project, [new ReportBuildResult("orders", [file])], default))
        {
            await _run.Deliveries.DeliverAsync(task, project, item, NullLogger.Instance, default);
        }
        var originals = new Dictionary<string, DestinationSettings>();
        foreach (var record in await _run.Records.ListForRunAsync(runId, default))
        {
            originals[record.DestinationRef!] = (await _run.DestinationSettings.ResolveReferenceAsync(task, record.DestinationRef!, default))!;
        }

        var receipts = await _run.Resend.ResendAsync(
            new ResendRequest(runId, TestFiles.FromText("orders.csv", Csv), ResendTarget.OriginalDestinations, "alice", tag)
            {
                ResolveOriginal = reference => originals.GetValueOrDefault(reference),
            }, default);

        Assert.Equal(2, originals.Count);
        Assert.Null(await _run.DestinationSettings.ResolveReferenceAsync(task, $"{Guid.NewGuid():D}/d0", default));
        Assert.Null(await _run.DestinationSettings.ResolveReferenceAsync(task, $"{task.Id:D}/d7", default));
        // The SFTP server already holds the same bytes; the email goes out again.
        Assert.Equal(DeliveryOutcome.AlreadyDelivered, Assert.Single(receipts, r => r.Kind == "sftp").Outcome);
        Assert.Equal(DeliveryOutcome.Delivered, Assert.Single(receipts, r => r.Kind == "email").Outcome);
        Assert.Equal(2, (await MessagesAsync(tag, 2)).Count(m => m.To.SequenceEqual([$"alice@{tag}.test"])));
        Assert.Equal(2, (await _run.Records.ListForRunAsync(runId, default)).Count(r => r.ResendOf is not null));
    }

    [Fact]
    public async Task Test_mode_sends_twenty_recipients_twenty_messages_to_the_test_address_only()
    {
        var tag = UniqueName.For("tm");
        var members = new List<Guid>();
        for (var i = 1; i <= 20; i++)
        {
            members.Add(await _run.AddAsync(new Recipient { Name = $"R{i}", Email = $"r{i}@{tag}.test" }));
        }
        var everyone = await _run.AddAsync(new RecipientGroup { Name = tag, MemberIds = members });
        var sftp = await _run.AddAsync(Sftp("Partner SFTP"));
        var smtp = await _run.AddAsync(Smtp("Mail relay"));
        var (task, project) = await TaskAsync(tag, t => t with
        {
            Destinations =
            [
                new Destination { Kind = DestinationKind.Email, ConnectionId = smtp, Email = new EmailOptions { Subject = tag + " {{ file_name }}" } },
                new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftp, Folder = tag },
            ],
            GroupIds = [everyone],
            TestMode = new TestMode { Enabled = true, Address = $"tester@{tag}.test", SkipOtherDestinations = true },
        });
        var file = await _run.StoreOutputAsync("run-" + tag, "orders.csv", Csv, rows: 2);

        var receipts = new List<DeliveryReceipt>();
        foreach (var item in await _run.Deliveries.PlanAsync(task, project, [new ReportBuildResult("orders", [file])], default))
        {
            receipts.Add(await _run.Deliveries.DeliverAsync(task, project, item, NullLogger.Instance, default));
        }

        var messages = await MessagesAsync(tag, 20);
        Assert.Equal(20, messages.Count);
        Assert.All(messages, m => Assert.Equal(($"tester@{tag}.test", 0, 0), (string.Join(";", m.To), m.Cc.Count, m.Bcc.Count)));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"[r{i}@{tag}.test] {tag} orders.csv").Order(), messages.Select(m => m.Subject).Order());
        Assert.Equal(DeliveryOutcome.SkippedTestMode, Assert.Single(receipts, r => r.Kind == "sftp").Outcome);
        Assert.Empty(await LocalDirectory.ReadAsync(ssh.RootDirectory, tag));
    }

    [Fact]
    public async Task An_email_destination_sends_a_link_with_its_own_lifetime_for_a_file_over_its_own_size_limit()
    {
        var tag = UniqueName.For("lk");
        var alice = await _run.AddAsync(new Recipient { Name = "Alice", Email = $"alice@{tag}.test" });
        var smtp = await _run.AddAsync(Smtp("Mail relay"));
        var options = new EmailOptions { Subject = tag + " {{ file_name }}", MaxAttachmentBytes = 10, DownloadLinkValidity = TimeSpan.FromHours(2) };
        var (task, project) = await TaskAsync(tag, t => t with
        {
            Destinations = [new Destination { Kind = DestinationKind.Email, ConnectionId = smtp, Email = options }],
            RecipientIds = [alice],
        });
        var file = await _run.StoreOutputAsync("run-" + tag, "orders.csv", Csv, rows: 2);

        var item = Assert.Single(await _run.Deliveries.PlanAsync(task, project, [new ReportBuildResult("orders", [file])], default));
        var sentAt = TimeProvider.System.GetUtcNow();
        Assert.Equal(DeliveryOutcome.Delivered, (await _run.Deliveries.DeliverAsync(task, project, item, NullLogger.Instance, default)).Outcome);

        var message = Assert.Single(await MessagesAsync(tag, 1));
        Assert.Empty(message.Attachments);
        var link = System.Text.RegularExpressions.Regex.Match(message.Html ?? "", "href=\"([^\"]+)\"").Groups[1].Value;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(System.Net.WebUtility.HtmlDecode(link)).Query);
        var expires = DateTimeOffset.Parse(query["se"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - sentAt, TimeSpan.FromHours(2) - TimeSpan.FromMinutes(5), TimeSpan.FromHours(2) + TimeSpan.FromMinutes(5));
        using var http = new HttpClient();
        Assert.Equal(Csv, await http.GetStringAsync(new Uri(System.Net.WebUtility.HtmlDecode(link))));
    }

    [Fact]
    public async Task A_file_without_rows_is_not_sent_where_the_destination_says_skip_empty()
    {
        var tag = UniqueName.For("se");
        var sftp = await _run.AddAsync(Sftp("Partner SFTP"));
        var (task, project) = await TaskAsync(tag, t => t with
        {
            Destinations =
            [
                new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftp, Folder = tag + "/skip", SkipEmpty = true },
                new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftp, Folder = tag + "/keep" },
            ],
        });
        var file = await _run.StoreOutputAsync("run-" + tag, "orders.csv", "id,amount\r\n", rows: 0);

        var receipts = new List<DeliveryReceipt>();
        foreach (var item in await _run.Deliveries.PlanAsync(task, project, [new ReportBuildResult("orders", [file])], default))
        {
            receipts.Add(await _run.Deliveries.DeliverAsync(task, project, item, NullLogger.Instance, default));
        }

        Assert.Equal([DeliveryOutcome.SkippedEmpty, DeliveryOutcome.Delivered], receipts.Select(r => r.Outcome));
        Assert.Empty(await LocalDirectory.ReadAsync(ssh.RootDirectory, tag + "/skip"));
        Assert.Equal(["orders.csv"], (await LocalDirectory.ReadAsync(ssh.RootDirectory, tag + "/keep")).Keys);
    }

    [Fact]
    public async Task A_failing_destination_names_the_connection_and_host_but_no_secret()
    {
        var tag = UniqueName.For("er");
        const string password = "Pw-canary-7781";
        var down = await _run.AddAsync(Sftp("Closed partner") with
        {
            Settings = new ConnectionSettings { Host = ssh.Host, Port = FreePort.Next(), Username = ssh.UserName },
            Secrets = new ConnectionSecrets { Password = password },
        });
        var (task, project) = await TaskAsync(tag, t => t with { Destinations = [new Destination { Kind = DestinationKind.Sftp, ConnectionId = down }] });
        var file = await _run.StoreOutputAsync("run-" + tag, "orders.csv", Csv, rows: 2);
        var item = Assert.Single(await _run.Deliveries.PlanAsync(task, project, [new ReportBuildResult("orders", [file])], default));

        var error = await Assert.ThrowsAsync<DeliveryException>(() => _run.Deliveries.DeliverAsync(task, project, item, NullLogger.Instance, default));

        Assert.Contains("Closed partner", error.Message, StringComparison.Ordinal);
        Assert.Contains(ssh.Host, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Failed, Assert.Single(await _run.Records.ListForRunAsync("run-" + tag, default)).Status);
    }

    [Fact]
    public async Task A_run_file_missing_from_storage_fails_clearly_before_anything_is_sent()
    {
        var tag = UniqueName.For("mf");
        var sftp = await _run.AddAsync(Sftp("Partner SFTP"));
        var (task, project) = await TaskAsync(tag, t => t with { Destinations = [new Destination { Kind = DestinationKind.Sftp, ConnectionId = sftp, Folder = tag }] });
        var stored = await _run.StoreOutputAsync("run-" + tag, "orders.csv", Csv, rows: 2);
        var missing = stored with { Name = "gone.csv", BlobPath = stored.BlobPath.Replace("orders.csv", "gone.csv", StringComparison.Ordinal) };
        var item = Assert.Single(await _run.Deliveries.PlanAsync(task, project, [new ReportBuildResult("orders", [missing])], default));

        var error = await Assert.ThrowsAsync<DeliveryException>(() => _run.Deliveries.DeliverAsync(task, project, item, NullLogger.Instance, default));

        Assert.Contains("'gone.csv' cannot be read from storage", error.Message, StringComparison.Ordinal);
        Assert.Empty(await LocalDirectory.ReadAsync(ssh.RootDirectory, tag));
    }

    public void Dispose() => _run.Dispose();
}
