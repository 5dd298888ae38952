using Azure.Data.Tables;
using Courier.Testing;

namespace Courier.Servers.Tests;

public sealed class AzuriteSmokeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_table_entity_written_can_be_read_back()
    {
        var table = new TableClient(azurite.ConnectionString, UniqueName.For("smoke"));
        await table.CreateIfNotExistsAsync();

        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = "written" });

        var read = await table.GetEntityAsync<TableEntity>("p", "r");
        Assert.Equal("written", read.Value.GetString("Value"));
    }
}
