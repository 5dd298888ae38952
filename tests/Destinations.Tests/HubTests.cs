using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Hub;
using Courier.Domain.Hub;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>The Hub store and destination against Azurite: entitlements, retention, download, exactly once.</summary>
[Collection(SharedStorage.Name)]
public sealed class HubTests(AzuriteFixture azurite)
{
    private HubStore Store => new(new TableServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString), TimeProvider.System);

    private HubDestination Destination => new(Store, TimeProvider.System);

    [Fact]
    public async Task Keeps_the_last_n_versions_visible_only_to_listed_users_and_groups()
    {
        var report = UniqueName.For("sales");
        var settings = new HubDestinationSettings(report, $"Sales {report}") { Users = ["ada"], Groups = ["finance"], KeepVersions = 2 };
        foreach (var day in new[] { "mon", "tue", "wed" })
        {
            await Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText($"sales-{day}.csv", day), settings), default);
        }

        var ada = new HubViewer("ADA", []);
        var financeMember = new HubViewer("bob", ["Finance"]);
        var outsider = new HubViewer("eve", ["sales"]);
        var versions = await Store.ListVersionsAsync(report, ada, default);
        var mine = await Store.ListMyReportsAsync(financeMember, default);

        Assert.Equal(["sales-wed.csv", "sales-tue.csv"], versions.Select(v => v.FileName));
        Assert.Equal([3L, 2L], versions.Select(v => v.Version));
        var listed = Assert.Single(mine, r => r.ReportKey == report);
        Assert.Equal("sales-wed.csv", listed.Latest.FileName);
        Assert.Equal(2, listed.VisibleVersions);
        Assert.Empty(await Store.ListVersionsAsync(report, outsider, default));
        Assert.DoesNotContain(await Store.ListMyReportsAsync(outsider, default), r => r.ReportKey == report);
    }

    [Fact]
    public async Task Only_entitled_viewers_can_download_and_get_the_exact_bytes()
    {
        var report = UniqueName.For("dl");
        var settings = new HubDestinationSettings(report, "Download test") { Users = ["ada"] };
        await Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("r.csv", "secret numbers"), settings), default);

        var allowed = await Store.OpenDownloadAsync(report, 1, new HubViewer("ada", []), default);
        var denied = await Store.OpenDownloadAsync(report, 1, new HubViewer("eve", []), default);
        var missing = await Store.OpenDownloadAsync(report, 9, new HubViewer("ada", []), default);

        Assert.NotNull(allowed);
        await using (var content = allowed.Value.Content)
        {
            using var reader = new StreamReader(content, Encoding.UTF8);
            Assert.Equal("secret numbers", await reader.ReadToEndAsync());
        }
        Assert.Null(denied);
        Assert.Null(missing);
    }

    [Fact]
    public async Task Publishing_twice_with_one_key_makes_one_version_and_zero_keeps_all()
    {
        var report = UniqueName.For("once");
        var settings = new HubDestinationSettings(report, "Once") { Users = ["ada"], KeepVersions = 0 };
        var request = TestFiles.Request(TestFiles.FromText("a.csv", "1"), settings, key: "orch:exec:9");

        var first = await Destination.DeliverAsync(request, default);
        var second = await Destination.DeliverAsync(request, default);
        for (var i = 0; i < 3; i++)
        {
            await Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("a.csv", $"{i}"), settings), default);
        }

        Assert.Equal(DeliveryOutcome.Delivered, first.Outcome);
        Assert.Equal(DeliveryOutcome.AlreadyDelivered, second.Outcome);
        Assert.Equal([4L, 3L, 2L, 1L], (await Store.ListVersionsAsync(report, new HubViewer("ada", []), default)).Select(v => v.Version));
    }
}
