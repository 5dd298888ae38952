using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Notifications;
using Courier.Domain.Pipeline.Storage;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>Notifications that carry the run's produced files, stored in Azurite and received by maildev.</summary>
[Collection(SharedStorage.Name)]
public sealed partial class RunNotifierFileTests(MailDevFixture mail, AzuriteFixture azurite) : IClassFixture<MailDevFixture>, IDisposable
{
    private static readonly string Log = string.Join('\n', Enumerable.Range(1, 20).Select(i => $"step {i:00}"));
    private readonly HttpClient _http = new();

    private RunNotifier Notifier => new(new EmailSender(), new TableNotificationRateLimiter(new TableServiceClient(azurite.ConnectionString), TimeProvider.System), _http, TimeProvider.System);

    private static Func<CancellationToken, Task<Stream>> OpenLog => _ => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(Log)));

    private TaskNotifications Settings(string tag, params NotificationRule[] rules) =>
        new(tag, new EmailTransport("courier@corp.test") { Smtp = new SmtpSettings(mail.Host, mail.SmtpPort) { Security = SmtpSecurity.None } }) { Rules = rules };

    private static RunSummary Run(string tag, RunOutcome outcome) =>
        new(tag, "Daily sales", $"run-{tag}", outcome, new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 6, 1, 0, TimeSpan.Zero));

    /// <summary>Writes the bytes as a run output in Azurite and opens it the way notifications do.</summary>
    private async Task<DeliveryFile> StoreAsync(string tag, string name, byte[] content, string contentType)
    {
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var container = blobs.GetBlobContainerClient(OutputBlobStore.DefaultContainer);
        await container.CreateIfNotExistsAsync();
        var blobName = $"p/t/{tag}/{name}";
        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(content), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } });
        var row = new RunFile($"run-{tag}", name, content.Length, "", Convert.ToHexStringLower(SHA256.HashData(content)), $"{OutputBlobStore.DefaultContainer}/{blobName}", 1, false);
        return await new StoredRunFiles(blobs, TimeProvider.System).OpenAsync(row, default);
    }

    private Task<IReadOnlyList<CapturedEmail>> WaitForAsync(string tag, int count) =>
        Eventually.WaitAsync(async () => (IReadOnlyList<CapturedEmail>)(await MailDevCapture.ReadAsync(mail)).Where(m => m.To.Any(t => t.Contains(tag, StringComparison.Ordinal))).ToList(),
            m => m.Count >= count, $"{count} messages for {tag}");

    [Fact]
    public async Task A_success_notification_with_attach_files_holds_the_log_and_each_file_and_sms_gets_plain_text()
    {
        var tag = UniqueName.For("nf");
        var csv = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(1, 500).Select(i => $"{i},{tag},{i * 3}")));
        var xlsx = RandomNumberGenerator.GetBytes(40_000);
        var files = new[] { await StoreAsync(tag, "orders.csv", csv, "text/csv"), await StoreAsync(tag, "orders.xlsx", xlsx, "application/octet-stream") };
        var settings = Settings(tag,
            new NotificationRule(RunOutcome.Success, [$"ops@{tag}.test", $"5550003@{tag}.sms"]) { AttachFiles = true },
            new NotificationRule(RunOutcome.Success, [$"logonly@{tag}.test"]));

        var result = await Notifier.NotifyAsync(settings, Run(tag, RunOutcome.Success), OpenLog, files, default);

        Assert.Empty(result.Errors);
        var messages = await WaitForAsync(tag, 3);
        var ops = Assert.Single(messages, m => m.To.SequenceEqual([$"ops@{tag}.test"]));
        Assert.Equal(["orders.csv", "orders.xlsx", $"run-{tag}.log"], ops.Attachments.Select(a => a.FileName).Order(StringComparer.Ordinal));
        Assert.Equal(Log, Encoding.UTF8.GetString(Assert.Single(ops.Attachments, a => a.FileName.EndsWith(".log", StringComparison.Ordinal)).Content));
        Assert.Equal(csv, Assert.Single(ops.Attachments, a => a.FileName == "orders.csv").Content);
        Assert.Equal(xlsx, Assert.Single(ops.Attachments, a => a.FileName == "orders.xlsx").Content);
        var logOnly = Assert.Single(messages, m => m.To.SequenceEqual([$"logonly@{tag}.test"]));
        Assert.Equal($"run-{tag}.log", Assert.Single(logOnly.Attachments).FileName);
        var sms = Assert.Single(messages, m => m.To.SequenceEqual([$"5550003@{tag}.sms"]));
        Assert.Empty(sms.Attachments);
        Assert.True(string.IsNullOrEmpty(sms.Html));
        Assert.Contains("Daily sales: Success", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_together_over_the_size_limit_are_sent_as_links_that_download_the_same_bytes()
    {
        var tag = UniqueName.For("nl");
        var first = RandomNumberGenerator.GetBytes(60_000);
        var second = RandomNumberGenerator.GetBytes(70_000);
        var files = new[] { await StoreAsync(tag, "part-1.bin", first, "application/octet-stream"), await StoreAsync(tag, "part-2.bin", second, "application/octet-stream") };
        // Each file fits on its own; together they do not, so neither is attached.
        var settings = Settings(tag, new NotificationRule(RunOutcome.Success, [$"ops@{tag}.test"]) { AttachFiles = true, MaxAttachmentBytes = 100_000, DownloadLinkValidity = TimeSpan.FromHours(2) });

        var result = await Notifier.NotifyAsync(settings, Run(tag, RunOutcome.Success), OpenLog, files, default);

        Assert.Empty(result.Errors);
        var message = Assert.Single(await WaitForAsync(tag, 1));
        Assert.Equal($"run-{tag}.log", Assert.Single(message.Attachments).FileName);
        var links = LinkPattern().Matches(message.Html ?? "").ToDictionary(m => m.Groups[2].Value, m => new Uri(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)));
        Assert.Equal(["part-1.bin", "part-2.bin"], links.Keys.Order(StringComparer.Ordinal));
        Assert.All(links.Values, l => Assert.Contains("se=", l.Query, StringComparison.Ordinal));
        Assert.Equal(first, await _http.GetByteArrayAsync(links["part-1.bin"]));
        Assert.Equal(second, await _http.GetByteArrayAsync(links["part-2.bin"]));
    }

    [Fact]
    public async Task The_plain_text_fallback_still_carries_the_files()
    {
        var tag = UniqueName.For("nt");
        var csv = Encoding.UTF8.GetBytes($"id,name\n1,{tag}\n");
        var files = new[] { await StoreAsync(tag, "orders.csv", csv, "text/csv") };
        var settings = Settings(tag, new NotificationRule(RunOutcome.Error, [$"ops@{tag}.test"]) { AttachFiles = true, Body = "{% for %}" });

        var result = await Notifier.NotifyAsync(settings, Run(tag, RunOutcome.Error), OpenLog, files, default);

        Assert.True(result.UsedFallbackText);
        var message = Assert.Single(await WaitForAsync(tag, 1));
        Assert.Contains("Daily sales finished with Error", message.Text, StringComparison.Ordinal);
        Assert.Equal(2, message.Attachments.Count);
        Assert.Equal(csv, Assert.Single(message.Attachments, a => a.FileName == "orders.csv").Content);
    }

    [Fact]
    public async Task The_plain_text_fallback_lists_the_links_when_the_files_are_too_large()
    {
        var tag = UniqueName.For("nk");
        var content = RandomNumberGenerator.GetBytes(5_000);
        var files = new[] { await StoreAsync(tag, "big.bin", content, "application/octet-stream") };
        var settings = Settings(tag, new NotificationRule(RunOutcome.Error, [$"ops@{tag}.test"]) { AttachFiles = true, MaxAttachmentBytes = 1_000, Body = "{% for %}" });

        var result = await Notifier.NotifyAsync(settings, Run(tag, RunOutcome.Error), OpenLog, files, default);

        Assert.True(result.UsedFallbackText);
        var message = Assert.Single(await WaitForAsync(tag, 1));
        Assert.Equal($"run-{tag}.log", Assert.Single(message.Attachments).FileName);
        var link = TextLinkPattern().Match(message.Text ?? "");
        Assert.True(link.Success, $"No download link in: {message.Text}");
        Assert.Equal(content, await _http.GetByteArrayAsync(new Uri(link.Groups[1].Value)));
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex(@"big\.bin is too large to attach\. Download it until [^:]+:\d\d UTC: (\S+)")]
    private static partial Regex TextLinkPattern();

    [GeneratedRegex("<a href=\"([^\"]+)\">([^<]+)</a>")]
    private static partial Regex LinkPattern();
}
