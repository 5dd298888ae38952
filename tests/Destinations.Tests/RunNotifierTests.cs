using System.Text;
using Azure.Data.Tables;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Notifications;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>Run notifications against maildev (mail), Azurite (rate limit) and a local webhook endpoint.</summary>
[Collection(SharedStorage.Name)]
public sealed class RunNotifierTests(MailDevFixture mail, WebhookReceiver webhook, AzuriteFixture azurite)
    : IClassFixture<MailDevFixture>, IClassFixture<WebhookReceiver>, IDisposable
{
    private readonly HttpClient _http = new();

    private RunNotifier Notifier => new(new EmailSender(), new TableNotificationRateLimiter(new TableServiceClient(azurite.ConnectionString), TimeProvider.System), _http, TimeProvider.System);

    private static readonly string Log = string.Join('\n', Enumerable.Range(1, 100).Select(i => $"line {i:000}"));

    private static Func<CancellationToken, Task<Stream>> OpenLog => _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(Log)));

    private TaskNotifications Settings(string tag) => new(tag, new EmailTransport("courier@corp.test") { Smtp = new SmtpSettings(mail.Host, mail.SmtpPort) { Security = SmtpSecurity.None } })
    {
        Rules =
        [
            new NotificationRule(RunOutcome.Success, [$"ok@{tag}.test"]) { Subject = tag + " ok {{ task_name }}" },
            new NotificationRule(RunOutcome.Warning, [$"warn@{tag}.test", $"5550001@{tag}.sms"]) { Subject = tag + " warning {{ task_name }}" },
            new NotificationRule(RunOutcome.Error, [$"err@{tag}.test"]) { Subject = tag + " error {{ task_name }}" },
        ],
        ExcerptLines = 3,
    };

    private static RunSummary Run(string tag, RunOutcome outcome) =>
        new(tag, "Daily sales", $"run-{tag}-{outcome}", outcome, new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 6, 1, 0, TimeSpan.Zero))
        {
            Error = outcome == RunOutcome.Error ? "SFTP partner refused the upload" : null,
        };

    private Task<IReadOnlyList<CapturedEmail>> WaitForAsync(string tag, int count) =>
        Eventually.WaitAsync(async () => (IReadOnlyList<CapturedEmail>)(await MailDevCapture.ReadAsync(mail)).Where(m => m.Subject.Contains(tag, StringComparison.Ordinal)
            || m.To.Any(t => t.Contains(tag, StringComparison.Ordinal))).ToList(), m => m.Count >= count, $"{count} messages for {tag}");

    [Fact]
    public async Task Each_outcome_reaches_its_own_recipients_with_the_log_and_sms_gets_plain_text()
    {
        var tag = UniqueName.For("ntf");
        foreach (var outcome in new[] { RunOutcome.Success, RunOutcome.Warning, RunOutcome.Error })
        {
            var result = await Notifier.NotifyAsync(Settings(tag), Run(tag, outcome), OpenLog, [], default);
            Assert.Empty(result.Errors);
        }

        var messages = await WaitForAsync(tag, 4);
        Assert.Equal(4, messages.Count);
        var ok = Assert.Single(messages, m => m.To.SequenceEqual([$"ok@{tag}.test"]));
        var warn = Assert.Single(messages, m => m.To.SequenceEqual([$"warn@{tag}.test"]));
        var error = Assert.Single(messages, m => m.To.SequenceEqual([$"err@{tag}.test"]));
        var sms = Assert.Single(messages, m => m.To.SequenceEqual([$"5550001@{tag}.sms"]));
        Assert.Contains("ok Daily sales", ok.Subject, StringComparison.Ordinal);
        Assert.Contains("warning", warn.Subject, StringComparison.Ordinal);
        Assert.Contains("SFTP partner refused the upload", error.Html, StringComparison.Ordinal);
        foreach (var message in new[] { ok, warn, error })
        {
            var log = Assert.Single(message.Attachments);
            Assert.Equal(Log, Encoding.UTF8.GetString(log.Content));
            Assert.Contains("line 001", message.Html, StringComparison.Ordinal);
            Assert.Contains("line 100", message.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("line 050", message.Html, StringComparison.Ordinal);
        }
        Assert.Empty(sms.Attachments);
        Assert.True(string.IsNullOrEmpty(sms.Html));
        Assert.Contains("Daily sales: Warning", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_template_falls_back_to_plain_text_with_the_log()
    {
        var tag = UniqueName.For("fb");
        var settings = Settings(tag) with { Rules = [new NotificationRule(RunOutcome.Error, [$"err@{tag}.test"]) { Body = "{% for %}" }] };

        var result = await Notifier.NotifyAsync(settings, Run(tag, RunOutcome.Error), OpenLog, [], default);

        Assert.True(result.UsedFallbackText);
        var message = Assert.Single(await WaitForAsync(tag, 1));
        Assert.Contains("Daily sales finished with Error", message.Text, StringComparison.Ordinal);
        Assert.Single(message.Attachments);
    }

    [Fact]
    public async Task Posts_the_run_summary_as_json_to_the_webhook()
    {
        var tag = UniqueName.For("wh");
        var settings = Settings(tag) with { Rules = [], WebhookUrl = webhook.Url };

        var result = await Notifier.NotifyAsync(settings, Run(tag, RunOutcome.Error) with { Files = ["a.csv"] }, null, [], default);

        Assert.Equal(204, result.WebhookStatus);
        var body = Assert.Single(webhook.Bodies, b => b.GetProperty("taskId").GetString() == tag);
        Assert.Equal("Error", body.GetProperty("status").GetString());
        Assert.Equal($"run-{tag}-Error", body.GetProperty("runId").GetString());
        Assert.Equal("a.csv", body.GetProperty("files")[0].GetString());
    }

    [Fact]
    public async Task The_rate_limit_holds_back_a_second_notification_to_the_same_recipient()
    {
        var tag = UniqueName.For("rl");
        var settings = Settings(tag) with { RateLimit = TimeSpan.FromHours(1) };

        var first = await Notifier.NotifyAsync(settings, Run(tag, RunOutcome.Success), OpenLog, [], default);
        var second = await Notifier.NotifyAsync(settings, Run(tag, RunOutcome.Success), OpenLog, [], default);

        Assert.Equal([$"ok@{tag}.test"], first.Notified);
        Assert.Empty(second.Notified);
        Assert.Equal([$"ok@{tag}.test"], second.RateLimited);
    }

    public void Dispose() => _http.Dispose();
}
