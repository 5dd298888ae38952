using System.Text;
using Azure.Data.Tables;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Email;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>
/// What the email destination must do over any transport: recipients and groups, attach / embed / link,
/// SMS-gateway text, test mode, empty-file skip, exactly once, clear errors without secrets.
/// </summary>
public abstract class EmailDestinationContract(AzuriteFixture azurite)
{
    protected const string Canary = "Canary-Secret-5a2c";

    private readonly Lazy<EmailDestination> _destination = new(() => new EmailDestination(
        new EmailSender(),
        new TableEmailSendLog(new TableServiceClient(azurite.ConnectionString), TimeProvider.System),
        new RecipientGroups(new Dictionary<string, IReadOnlyList<string>> { ["finance"] = ["cfo@corp.test", "ap@corp.test"] }),
        TimeProvider.System));

    protected EmailDestination Destination => _destination.Value;

    protected abstract EmailTransport Transport { get; }

    /// <summary>A transport whose server is not running, carrying <see cref="Canary"/> as its secret.</summary>
    protected abstract EmailTransport DownTransport { get; }

    /// <summary>Every message the receiving side holds so far.</summary>
    protected abstract Task<IReadOnlyList<CapturedEmail>> MessagesAsync();

    protected Task<IReadOnlyList<CapturedEmail>> WaitForAsync(string tag, int count) =>
        Eventually.WaitAsync(async () => (IReadOnlyList<CapturedEmail>)(await MessagesAsync()).Where(m => m.Subject.Contains(tag, StringComparison.Ordinal)).ToList(),
            m => m.Count >= count, $"{count} messages tagged {tag}");

    protected EmailDestinationSettings Settings(string tag) => new(Transport)
    {
        To = ["ada@corp.test", "group:finance"],
        Cc = ["cc@corp.test"],
        Bcc = ["audit@corp.test"],
        Subject = tag + " {{ task_name }}: {{ file_name }}",
        Body = "<p>Rows: {{ row_count }}</p>",
    };

    private static DeliveryRequest Request(DeliveryFile file, DestinationSettings settings, string? key = null) =>
        TestFiles.Request(file, settings, key) with { Variables = new Dictionary<string, object?> { ["task_name"] = "Daily sales", ["row_count"] = 42 } };

    [Fact]
    public async Task Attaches_the_file_for_recipients_and_groups_with_rendered_templates()
    {
        var tag = UniqueName.For("att");
        var file = TestFiles.FromText("sales.csv", "id,amount\n1,9.50\n");

        var receipt = await Destination.DeliverAsync(Request(file, Settings(tag)), default);

        var message = Assert.Single(await WaitForAsync(tag, 1));
        Assert.Equal(DeliveryOutcome.Delivered, receipt.Outcome);
        Assert.Equal($"{tag} Daily sales: sales.csv", message.Subject);
        Assert.Equal(["ada@corp.test", "ap@corp.test", "cfo@corp.test"], message.To.Order(StringComparer.Ordinal));
        Assert.Equal(["cc@corp.test"], message.Cc);
        Assert.Contains("Rows: 42", message.Html, StringComparison.Ordinal);
        var attachment = Assert.Single(message.Attachments);
        Assert.Equal("sales.csv", attachment.FileName);
        Assert.Equal("id,amount\n1,9.50\n", Encoding.UTF8.GetString(attachment.Content));
    }

    [Fact]
    public async Task Embeds_an_html_file_in_the_body()
    {
        var tag = UniqueName.For("emb");
        var file = TestFiles.FromText("report.html", "<table><tr><td>Embedded cell</td></tr></table>");

        await Destination.DeliverAsync(Request(file, Settings(tag) with { FileMode = EmailFileMode.Embed }), default);

        var message = Assert.Single(await WaitForAsync(tag, 1));
        Assert.Contains("<td>Embedded cell</td>", message.Html, StringComparison.Ordinal);
        Assert.Empty(message.Attachments);
    }

    [Fact]
    public async Task Sends_a_time_limited_link_instead_of_a_file_over_the_size_limit()
    {
        var tag = UniqueName.For("big");
        var file = TestFiles.FromBytes("big.csv", new byte[5000]) with { CreateDownloadLink = validity => new Uri($"http://files.test/big.csv?se={validity.TotalHours}h") };

        await Destination.DeliverAsync(Request(file, Settings(tag) with { MaxAttachmentBytes = 1000, DownloadLinkValidity = TimeSpan.FromHours(48) }), default);

        var message = Assert.Single(await WaitForAsync(tag, 1));
        Assert.Empty(message.Attachments);
        Assert.Contains("http://files.test/big.csv?se=48h", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_gateway_recipients_get_plain_text_only()
    {
        var tag = UniqueName.For("sms");
        var settings = Settings(tag) with { To = ["ada@corp.test", "15551234567@sms.test"], Cc = [], Bcc = [], SmsMessage = tag + " {{ file_name }} is ready" };

        await Destination.DeliverAsync(Request(TestFiles.FromText("s.csv", "a,b\n"), settings), default);

        var messages = await WaitForAsync(tag, 2);
        var sms = Assert.Single(messages, m => m.To.Contains("15551234567@sms.test"));
        var mail = Assert.Single(messages, m => m.To.Contains("ada@corp.test"));
        Assert.Empty(sms.Attachments);
        Assert.True(string.IsNullOrEmpty(sms.Html));
        Assert.Contains($"{tag} s.csv is ready", sms.Text, StringComparison.Ordinal);
        Assert.Single(mail.Attachments);
    }

    [Fact]
    public async Task An_empty_file_is_not_emailed_when_asked()
    {
        var tag = UniqueName.For("emp");

        var receipt = await Destination.DeliverAsync(Request(TestFiles.FromBytes("e.csv", []), Settings(tag) with { SkipEmptyFile = true }), default);
        await Destination.DeliverAsync(Request(TestFiles.FromText("after.csv", "x"), Settings(tag)), default);

        Assert.Equal(DeliveryOutcome.SkippedEmpty, receipt.Outcome);
        var message = Assert.Single(await WaitForAsync(tag, 1));
        Assert.EndsWith("after.csv", message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_delivery_executed_twice_sends_one_message()
    {
        var tag = UniqueName.For("once");
        var request = Request(TestFiles.FromText("once.csv", "x"), Settings(tag), key: $"orch-{tag}:exec:3");

        var first = await Destination.DeliverAsync(request, default);
        var second = await Destination.DeliverAsync(request, default);
        // A later message proves the server has processed everything sent before it.
        await Destination.DeliverAsync(Request(TestFiles.FromText("sentinel.csv", "x"), Settings(tag)), default);

        var messages = await WaitForAsync(tag, 2);
        Assert.Equal(DeliveryOutcome.Delivered, first.Outcome);
        Assert.Equal(DeliveryOutcome.AlreadyDelivered, second.Outcome);
        Assert.Single(messages, m => m.Subject.EndsWith("once.csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Test_mode_sends_one_message_per_recipient_to_the_test_address_only()
    {
        var tag = UniqueName.For("tm");
        var recipients = Enumerable.Range(1, 20).Select(i => $"user{i:00}@{tag}.test").ToList();
        var testAddress = $"qa@{tag}.test";
        var settings = Settings(tag) with { To = recipients, Cc = ["cc@corp.test"], Bcc = ["audit@corp.test"] };

        await Destination.DeliverAsync(Request(TestFiles.FromText("t.csv", "x"), settings) with { TestModeAddress = testAddress }, default);

        var messages = await WaitForAsync(tag, 20);
        Assert.Equal(20, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal([testAddress], m.To);
            Assert.Empty(m.Cc);
            Assert.Empty(m.Bcc);
        });
        Assert.Equal(recipients, messages.Select(m => m.Subject[1..m.Subject.IndexOf(']', StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.EndsWith($"{tag} Daily sales: t.csv", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_broken_template_fails_clearly()
    {
        var error = await Assert.ThrowsAsync<DeliveryException>(() =>
            Destination.DeliverAsync(Request(TestFiles.FromText("x.csv", "x"), Settings("t") with { Subject = "{% if %}" }), default));

        Assert.Contains("template", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_down_gives_a_clear_error_without_the_secret()
    {
        var settings = Settings(UniqueName.For("down")) with { Transport = DownTransport };

        var error = await Assert.ThrowsAsync<DeliveryException>(() =>
            Destination.DeliverAsync(Request(TestFiles.FromText("x.csv", "x"), settings), default));

        Assert.Equal("email", error.Kind);
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }
}
