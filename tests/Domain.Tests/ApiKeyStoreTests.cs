using Azure.Data.Tables;
using Courier.Domain.Security;
using Courier.Testing;

namespace Courier.Domain.Tests;

/// <summary>
/// Authenticating a request reuses a key's row for a few seconds instead of reading storage for every request;
/// a revoke on the same host still takes effect at once.
/// </summary>
[Collection(SharedAzurite.Name)]
public sealed class ApiKeyStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_key_row_read_for_one_request_answers_the_next_ones_for_a_few_seconds_then_is_read_again()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var table = UniqueName.For("keys").Replace("-", "", StringComparison.Ordinal);
        var clock = new SteppedClock();
        var store = new ApiKeyStore(tables, clock, table);
        var issued = await store.CreateAsync("nightly", ApiScope.Starter, CancellationToken.None);
        Assert.NotNull(await store.FindValidAsync(issued.Secret, CancellationToken.None));

        // Gone from storage behind the store's back: the row read a moment ago still answers...
        await tables.GetTableClient(table).DeleteEntityAsync("apikey", issued.Key.Id);
        clock.Now += ApiKeyStore.RowReuse - TimeSpan.FromSeconds(1);
        Assert.NotNull(await store.FindValidAsync(issued.Secret, CancellationToken.None));

        // ...until its time is up, when storage is asked again.
        clock.Now += TimeSpan.FromSeconds(2);
        Assert.Null(await store.FindValidAsync(issued.Secret, CancellationToken.None));
    }

    [Fact]
    public async Task A_key_revoked_on_this_host_stops_working_at_once()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var store = new ApiKeyStore(tables, new SteppedClock(), UniqueName.For("keys").Replace("-", "", StringComparison.Ordinal));
        var issued = await store.CreateAsync("nightly", ApiScope.Starter, CancellationToken.None);
        Assert.NotNull(await store.FindValidAsync(issued.Secret, CancellationToken.None));

        Assert.True(await store.RevokeAsync(issued.Key.Id, CancellationToken.None));

        Assert.Null(await store.FindValidAsync(issued.Secret, CancellationToken.None));
    }

    private sealed class SteppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
