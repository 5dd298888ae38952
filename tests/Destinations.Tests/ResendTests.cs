using Azure.Data.Tables;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Sftp;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>Resending a file from history, to where it went or to where the task sends now; every resend audited.</summary>
[Collection(SharedStorage.Name)]
public sealed class ResendTests(SshFixture ssh, AzuriteFixture azurite) : IClassFixture<SshFixture>
{
    [Fact]
    public async Task Resends_to_the_original_or_the_current_destinations_as_new_audited_deliveries()
    {
        var tag = UniqueName.For("rs");
        var store = new TableDeliveryStore(new TableServiceClient(azurite.ConnectionString), UniqueName.For("deliveries"));
        var executor = new DeliveryExecutor(new DestinationRegistry([new SftpDestination(TimeProvider.System)]), store, TimeProvider.System);
        var original = new SftpDestinationSettings(SftpConnections.Key(ssh)) { Directory = $"{tag}/old" };
        var current = new SftpDestinationSettings(SftpConnections.Key(ssh)) { Directory = $"{tag}/new" };
        var file = TestFiles.FromText("report.csv", "v1");
        var runId = "run-" + tag;
        await executor.ExecuteAsync(new DeliveryRequest(runId, $"{tag}:e1:2", file, original) { DestinationRef = "task1/dest-a" }, default);
        File.Delete(Path.Combine(ssh.RootDirectory, tag, "old", "report.csv"));
        var resend = new ResendService(executor, store);

        var toOriginal = await resend.ResendAsync(new ResendRequest(runId, file, ResendTarget.OriginalDestinations, "ada", "r1")
        {
            ResolveOriginal = reference => reference == "task1/dest-a" ? original : null,
        }, default);
        var toCurrent = await resend.ResendAsync(new ResendRequest(runId, file, ResendTarget.CurrentDestinations, "bob", "r2")
        {
            CurrentDestinations = [new DestinationReference("task1/dest-b", current)],
        }, default);

        Assert.Equal(DeliveryOutcome.Delivered, Assert.Single(toOriginal).Outcome);
        Assert.Equal(DeliveryOutcome.Delivered, Assert.Single(toCurrent).Outcome);
        Assert.Equal(["report.csv"], (await LocalDirectory.ReadAsync(ssh.RootDirectory, $"{tag}/old")).Keys);
        Assert.Equal(["report.csv"], (await LocalDirectory.ReadAsync(ssh.RootDirectory, $"{tag}/new")).Keys);
        var records = await store.ListForRunAsync(runId, default);
        Assert.Equal(3, records.Count);
        var first = Assert.Single(records, r => r.ResendOf is null);
        Assert.Single(records, r => r.ResendOf == first.IdempotencyKey && r.RequestedBy == "ada");
        Assert.Single(records, r => r.ResendOf == "current" && r.RequestedBy == "bob" && r.DestinationRef == "task1/dest-b");
    }
}
