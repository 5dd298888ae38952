using System.Net;

namespace Courier.Functions.Tests;

[Collection(SharedHost.Name)]
public sealed class RateLimitTests(HostFixture host)
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_problem_while_another_key_is_unaffected()
    {
        var settings = CourierAppFactory.SettingsFor(host.StorageConnectionString);
        settings["Courier:RateLimit:PermitLimit"] = "3";
        settings["Courier:RateLimit:Window"] = "01:00:00";
        await using var factory = new CourierAppFactory(settings);
        var busyKey = await HostFixture.CreateKeyAsync(factory, "reader");
        var quietKey = await HostFixture.CreateKeyAsync(factory, "reader");
        using var busy = factory.CreateClient();
        busy.DefaultRequestHeaders.Add("x-functions-key", busyKey);
        using var quiet = factory.CreateClient();
        quiet.DefaultRequestHeaders.Add("x-functions-key", quietKey);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var allowed = await busy.GetAsync("/openapi/v1.json");
            statuses.Add(allowed.StatusCode);
        }
        using var limited = await busy.GetAsync("/openapi/v1.json");
        using var other = await quiet.GetAsync("/openapi/v1.json");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        await Problems.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After delay.");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
