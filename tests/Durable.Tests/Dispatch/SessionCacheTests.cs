using Courier.Durable.Dispatch;
using Courier.Durable.Storage;

namespace Courier.Durable.Tests.Dispatch;

public sealed class SessionCacheTests
{
    [Fact]
    public void A_full_cache_drops_only_its_least_recently_used_sessions()
    {
        var cache = new SessionCache(capacity: 16);
        for (var i = 0; i < 16; i++)
        {
            cache.Put($"i{i}", Session($"i{i}"));
        }
        // Used again, so no longer among the oldest.
        Assert.NotNull(cache.Get("i0"));
        Assert.NotNull(cache.Get("i1"));

        var evicted = cache.Put("new", Session("new"));

        Assert.Equal(["i2", "i3"], evicted.Select(s => s.History.InstanceId).Order(StringComparer.Ordinal));
        Assert.Null(cache.Get("i2"));
        Assert.Null(cache.Get("i3"));
        foreach (var kept in new[] { "i0", "i1", "i4", "i15", "new" })
        {
            Assert.NotNull(cache.Get(kept));
        }
    }

    [Fact]
    public void Storing_a_session_again_under_its_id_evicts_nothing()
    {
        var cache = new SessionCache(capacity: 2);
        cache.Put("a", Session("a"));
        cache.Put("b", Session("b"));

        var replacement = Session("a");
        Assert.Empty(cache.Put("a", replacement));
        Assert.Same(replacement, cache.Get("a"));
        Assert.NotNull(cache.Get("b"));
    }

    private static InstanceSession Session(string instanceId) => new(new InstanceHistory { InstanceId = instanceId });
}
