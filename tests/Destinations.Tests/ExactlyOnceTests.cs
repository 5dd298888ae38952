using Azure.Data.Tables;
using Courier.Domain.Connectors.Email;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Email;
using Courier.Domain.Destinations.Sftp;
using Courier.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Courier.Destinations.Tests;

/// <summary>
/// The delivery activity executed twice with one idempotency key delivers once: one file on the SFTP
/// server, one message in maildev, whether the second execution finds the delivery record or (after a
/// crash before the record was written) only the destination's own evidence.
/// </summary>
[Collection(SharedStorage.Name)]
public sealed class ExactlyOnceTests(SshFixture ssh, MailDevFixture mail, AzuriteFixture azurite)
    : IClassFixture<SshFixture>, IClassFixture<MailDevFixture>
{
    private DeliveryExecutor Executor(string deliveriesTable)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var services = new ServiceCollection()
            .AddSingleton<IEmailSender>(new EmailSender())
            .AddSingleton<IEmailSendLog>(new TableEmailSendLog(tables, TimeProvider.System))
            .AddSingleton<IRecipientDirectory>(RecipientGroups.Empty)
            .AddDestination<SftpDestination>()
            .AddDestination<EmailDestination>()
            .BuildServiceProvider();
        return new DeliveryExecutor(services.GetRequiredService<IDestinationRegistry>(), new TableDeliveryStore(tables, deliveriesTable), TimeProvider.System);
    }

    [Fact]
    public async Task Executing_the_same_deliveries_twice_leaves_one_file_and_one_message()
    {
        var tag = UniqueName.For("once");
        var key = $"{tag}:exec1";
        var file = TestFiles.FromText("daily.csv", "a,b\n1,2\n");
        var sftp = new DeliveryRequest("run-" + tag, key + ":sftp", file,
            new SftpDestinationSettings(SftpConnections.Key(ssh)) { Directory = tag, Overwrite = OverwritePolicy.AutoIncrement });
        var email = new DeliveryRequest("run-" + tag, key + ":email", file,
            new EmailDestinationSettings(new EmailTransport("courier@corp.test") { Smtp = new SmtpSettings(mail.Host, mail.SmtpPort) { Security = SmtpSecurity.None } })
            {
                To = ["ops@corp.test"],
                Subject = tag + " {{ file_name }}",
            });
        var executor = Executor(UniqueName.For("deliveries"));
        var afterCrash = Executor(UniqueName.For("deliveries"));

        var receipts = new List<DeliveryReceipt>();
        foreach (var run in new[] { executor, executor, afterCrash })
        {
            receipts.Add(await run.ExecuteAsync(sftp, default));
            receipts.Add(await run.ExecuteAsync(email, default));
        }
        var sentinel = await executor.ExecuteAsync(email with { IdempotencyKey = key + ":sentinel", File = TestFiles.FromText("sentinel.csv", "x") }, default);

        Assert.Equal(
            [DeliveryOutcome.Delivered, DeliveryOutcome.Delivered, DeliveryOutcome.AlreadyDelivered, DeliveryOutcome.AlreadyDelivered, DeliveryOutcome.AlreadyDelivered, DeliveryOutcome.AlreadyDelivered],
            receipts.Select(r => r.Outcome));
        Assert.Equal(["daily.csv"], (await LocalDirectory.ReadAsync(ssh.RootDirectory, tag)).Keys);
        var messages = await Eventually.WaitAsync(() => MailDevCapture.ReadAsync(mail), m => m.Any(x => x.Subject == $"{tag} sentinel.csv"), "the sentinel message");
        Assert.Single(messages, m => m.Subject == $"{tag} daily.csv");
        Assert.Equal(DeliveryOutcome.Delivered, sentinel.Outcome);
    }

    [Fact]
    public async Task A_failed_delivery_is_recorded_with_its_attempts_and_a_clear_error()
    {
        var tag = UniqueName.For("fail");
        var store = new TableDeliveryStore(new TableServiceClient(azurite.ConnectionString), UniqueName.For("deliveries"));
        var executor = new DeliveryExecutor(new DestinationRegistry([new SftpDestination(TimeProvider.System)]), store, TimeProvider.System);
        var request = new DeliveryRequest("run-" + tag, tag, TestFiles.FromText("x.csv", "x"),
            new SftpDestinationSettings(SftpConnections.Key(ssh) with { Port = FreePort.Next() }) { Name = "Partner SFTP" });

        await Assert.ThrowsAsync<DeliveryException>(() => executor.ExecuteAsync(request, default));
        await Assert.ThrowsAsync<DeliveryException>(() => executor.ExecuteAsync(request, default));

        var record = Assert.Single(await store.ListForRunAsync("run-" + tag, default));
        Assert.Equal(DeliveryStatus.Failed, record.Status);
        Assert.Equal(2, record.Attempts);
        Assert.Contains("Partner SFTP", record.Error, StringComparison.Ordinal);
    }
}
