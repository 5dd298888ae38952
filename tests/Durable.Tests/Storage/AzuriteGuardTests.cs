using Azure.Data.Tables;
using Courier.Durable.Tests.Support;
using Courier.Testing;

namespace Courier.Durable.Tests.Storage;

/// <summary>Acceptance 9: the commit protocol trusts ETags, so two rapid updates must give two ETags (Azurite #1286).</summary>
[Collection(SharedAzurite.Name)]
public sealed class AzuriteGuardTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Two_rapid_updates_to_one_entity_yield_different_etags()
    {
        var table = new TableClient(azurite.ConnectionString, UniqueName.For("guard"));
        await table.CreateIfNotExistsAsync();
        var added = await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 0 });
        var etags = new List<Azure.ETag> { added.Headers.ETag!.Value };
        for (var i = 1; i <= 20; i++)
        {
            var updated = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = i }, etags[^1], TableUpdateMode.Merge);
            etags.Add(updated.Headers.ETag!.Value);
        }
        Assert.Equal(etags.Count, etags.Distinct().Count());
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = -1 }, etags[0], TableUpdateMode.Merge));
    }
}
