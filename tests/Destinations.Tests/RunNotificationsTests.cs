using System.Text;
using Courier.Domain.Model;
using Courier.Domain.Notifications;
using Courier.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using When = Courier.Domain.Model.RunOutcome;
using Outcome = Courier.Domain.Notifications.RunOutcome;

namespace Courier.Destinations.Tests;

/// <summary>A stored task's notifications, resolved through the real repositories, reaching maildev and a local webhook.</summary>
[Collection(SharedStorage.Name)]
public sealed class RunNotificationsTests(MailDevFixture mail, WebhookReceiver webhook, AzuriteFixture azurite)
    : IClassFixture<MailDevFixture>, IClassFixture<WebhookReceiver>, IDisposable
{
    private static readonly string Log = string.Join('\n', Enumerable.Range(1, 60).Select(i => $"log line {i:000}"));
    private readonly RunHarness _run = new(azurite.ConnectionString);

    private static Func<CancellationToken, Task<Stream>> OpenLog => _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(Log)));

    private static RunSummary Run(TaskDefinition task, Outcome outcome) =>
        new(task.Id.ToString("D"), task.Name, $"run-{task.Name}-{outcome}", outcome, new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 6, 2, 0, TimeSpan.Zero))
        {
            Error = outcome == Outcome.Error ? "the partner refused the upload" : null,
        };

    private Task<Guid> AddMailRelayAsync() => _run.AddAsync(new Connection
    {
        Name = "Mail relay",
        Kind = ConnectionKind.Smtp,
        Settings = new ConnectionSettings { Host = mail.Host, Port = mail.SmtpPort, FromAddress = "courier@corp.test" },
    });

    private async Task<TaskDefinition> TaskAsync(string tag, Func<TaskDefinition, TaskDefinition> shape)
    {
        var project = await _run.AddProjectAsync(tag);
        return await _run.AddTaskAsync(shape(new TaskDefinition { Name = tag, ProjectId = project.Id, Owner = "alice", Reports = [RunHarness.Report("orders", await _run.AddWarehouseAsync())] }));
    }

    [Fact]
    public async Task Each_outcome_reaches_its_own_recipients_with_the_log_and_the_webhook_hears_errors()
    {
        var tag = UniqueName.For("rn");
        var smtp = await AddMailRelayAsync();
        var ok = await _run.AddAsync(new Recipient { Name = "Ok", Email = $"ok@{tag}.test" });
        var warn = await _run.AddAsync(new Recipient { Name = "Warn", Email = $"warn@{tag}.test" });
        var err = await _run.AddAsync(new Recipient { Name = "Err", Email = $"err@{tag}.test" });
        var phone = await _run.AddAsync(new Recipient { Name = "Pager", Email = $"5550002@{tag}.sms" });
        var oncall = await _run.AddAsync(new RecipientGroup { Name = tag, MemberIds = [err, phone] });
        var hookToken = await _run.AddAsync(new Connection
        {
            Name = "Chat hook",
            Kind = ConnectionKind.Http,
            Settings = new ConnectionSettings { BaseAddress = webhook.Url.ToString() },
            Secrets = new ConnectionSecrets { Token = "tok-" + tag },
        });
        var task = await TaskAsync(tag, t => t with
        {
            Notifications =
            [
                new Notification { On = [When.Success], ConnectionId = smtp, RecipientIds = [ok], Subject = tag + " ok {{ task_name }}" },
                new Notification { On = [When.Warning], ConnectionId = smtp, RecipientIds = [warn], Subject = tag + " warning" },
                new Notification { On = [When.Error], ConnectionId = smtp, GroupIds = [oncall], Subject = tag + " error", Message = "Look at {{ error }}" },
                new Notification { Channel = NotificationChannel.Webhook, On = [When.Error], ConnectionId = hookToken, WebhookAddress = webhook.Url.ToString() },
            ],
        });

        var results = new Dictionary<Outcome, NotificationResult>();
        foreach (var outcome in new[] { Outcome.Success, Outcome.Warning, Outcome.Error })
        {
            results[outcome] = await _run.Notifications.NotifyAsync(task, Run(task, outcome), OpenLog, NullLogger.Instance, default);
        }

        Assert.All(results.Values, r => Assert.Empty(r.Errors));
        Assert.Equal([$"ok@{tag}.test"], results[Outcome.Success].Notified);
        Assert.Equal([$"warn@{tag}.test"], results[Outcome.Warning].Notified);
        Assert.Equal([$"err@{tag}.test", $"5550002@{tag}.sms"], results[Outcome.Error].Notified);
        Assert.Equal(204, results[Outcome.Error].WebhookStatus);
        Assert.Null(results[Outcome.Success].WebhookStatus);
        var hook = Assert.Single(webhook.Bodies, b => b.GetProperty("taskId").GetString() == task.Id.ToString("D"));
        Assert.Equal("Error", hook.GetProperty("status").GetString());
        Assert.Contains($"Bearer tok-{tag}", webhook.Authorizations);

        var messages = await Eventually.WaitAsync(async () => (await MailDevCapture.ReadAsync(mail)).Where(m => m.To.Any(t => t.Contains(tag, StringComparison.Ordinal))).ToList(),
            m => m.Count >= 4, $"4 notifications for {tag}");
        Assert.Equal(4, messages.Count);
        foreach (var (to, subject) in new[] { ($"ok@{tag}.test", $"{tag} ok {tag}"), ($"warn@{tag}.test", $"{tag} warning"), ($"err@{tag}.test", $"{tag} error") })
        {
            var message = Assert.Single(messages, m => m.To.SequenceEqual([to]));
            Assert.Equal(subject, message.Subject);
            Assert.Equal(Log, Encoding.UTF8.GetString(Assert.Single(message.Attachments).Content));
            Assert.Contains("log line 001", message.Html, StringComparison.Ordinal);
            Assert.Contains("log line 060", message.Html, StringComparison.Ordinal);
        }
        Assert.Contains("Look at the partner refused the upload", Assert.Single(messages, m => m.To.SequenceEqual([$"err@{tag}.test"])).Html, StringComparison.Ordinal);
        var sms = Assert.Single(messages, m => m.To.SequenceEqual([$"5550002@{tag}.sms"]));
        Assert.Empty(sms.Attachments);
        Assert.True(string.IsNullOrEmpty(sms.Html));
    }

    [Fact]
    public async Task A_notification_whose_connection_is_gone_is_reported_not_thrown()
    {
        var tag = UniqueName.For("rg");
        var smtp = await AddMailRelayAsync();
        var err = await _run.AddAsync(new Recipient { Name = "Err", Email = $"err@{tag}.test" });
        var task = await TaskAsync(tag, t => t with { Notifications = [new Notification { On = [When.Error], ConnectionId = smtp, RecipientIds = [err] }] });
        var gone = task with { Notifications = [task.Notifications[0] with { ConnectionId = Guid.NewGuid() }] };

        var result = await _run.Notifications.NotifyAsync(gone, Run(gone, Outcome.Error), OpenLog, NullLogger.Instance, default);

        Assert.Empty(result.Notified);
        Assert.Contains("no longer exists", Assert.Single(result.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attach_files_sends_the_stored_outputs_and_names_one_that_cannot_be_read()
    {
        var tag = UniqueName.For("ra");
        var smtp = await AddMailRelayAsync();
        var ops = await _run.AddAsync(new Recipient { Name = "Ops", Email = $"ops@{tag}.test" });
        var task = await TaskAsync(tag, t => t with { Notifications = [new Notification { On = [When.Success], ConnectionId = smtp, RecipientIds = [ops], AttachFiles = true }] });
        var run = Run(task, Outcome.Success);
        var text = string.Join('\n', Enumerable.Range(1, 300).Select(i => $"{i},{tag}"));
        var stored = await _run.StoreOutputAsync(run.RunId, "orders.csv", text, 300);
        var lost = stored with { Name = "lost.csv", BlobPath = $"{stored.BlobPath}.gone" };

        var result = await _run.Notifications.NotifyAsync(task, run with { Files = ["orders.csv", "lost.csv"], StoredFiles = [stored, lost] }, OpenLog, NullLogger.Instance, default);

        Assert.Equal([$"ops@{tag}.test"], result.Notified);
        Assert.Contains("'lost.csv' could not be read", Assert.Single(result.Errors), StringComparison.Ordinal);
        var message = Assert.Single(await Eventually.WaitAsync(async () => (await MailDevCapture.ReadAsync(mail)).Where(m => m.To.SequenceEqual([$"ops@{tag}.test"])).ToList(),
            m => m.Count >= 1, $"the notification for {tag}"));
        Assert.Equal(Log, Encoding.UTF8.GetString(Assert.Single(message.Attachments, a => a.FileName.EndsWith(".log", StringComparison.Ordinal)).Content));
        Assert.Equal(text, Encoding.UTF8.GetString(Assert.Single(message.Attachments, a => a.FileName == "orders.csv").Content));
        Assert.Equal(2, message.Attachments.Count);
    }

    [Fact]
    public async Task A_notification_over_its_own_attachment_limit_links_the_files_for_its_own_lifetime()
    {
        var tag = UniqueName.For("rl");
        var smtp = await AddMailRelayAsync();
        var ops = await _run.AddAsync(new Recipient { Name = "Ops", Email = $"ops@{tag}.test" });
        var notification = new Notification
        {
            On = [When.Success], ConnectionId = smtp, RecipientIds = [ops], AttachFiles = true, MaxAttachmentBytes = 100, DownloadLinkValidity = TimeSpan.FromHours(3),
        };
        var task = await TaskAsync(tag, t => t with { Notifications = [notification] });
        var run = Run(task, Outcome.Success);
        var text = string.Join('\n', Enumerable.Range(1, 300).Select(i => $"{i},{tag}"));
        var stored = await _run.StoreOutputAsync(run.RunId, "orders.csv", text, 300);
        var sentAt = TimeProvider.System.GetUtcNow();

        await _run.Notifications.NotifyAsync(task, run with { Files = ["orders.csv"], StoredFiles = [stored] }, OpenLog, NullLogger.Instance, default);

        var message = Assert.Single(await Eventually.WaitAsync(async () => (await MailDevCapture.ReadAsync(mail)).Where(m => m.To.SequenceEqual([$"ops@{tag}.test"])).ToList(),
            m => m.Count >= 1, $"the notification for {tag}"));
        Assert.DoesNotContain(message.Attachments, a => a.FileName == "orders.csv");
        var link = new Uri(System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(message.Html ?? "", "href=\"([^\"]+orders[^\"]+)\"").Groups[1].Value));
        var expires = DateTimeOffset.Parse(System.Web.HttpUtility.ParseQueryString(link.Query)["se"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - sentAt, TimeSpan.FromHours(3) - TimeSpan.FromMinutes(5), TimeSpan.FromHours(3) + TimeSpan.FromMinutes(5));
        using var http = new HttpClient();
        Assert.Equal(text, await http.GetStringAsync(link));
    }

    public void Dispose() => _run.Dispose();
}
