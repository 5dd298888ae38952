using System.Net;
using System.Text.Json;

namespace Courier.Functions.Tests;

[Collection(SharedHost.Name)]
public sealed class HealthTests(HostFixture host)
{
    [Fact]
    public async Task Healthz_without_a_key_reports_every_storage_service_ok()
    {
        using var client = host.Client();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var storage = body.GetProperty("storage");
        Assert.Equal("ok", storage.GetProperty("tables").GetString());
        Assert.Equal("ok", storage.GetProperty("queues").GetString());
        Assert.Equal("ok", storage.GetProperty("blobs").GetString());
    }

    [Fact]
    public async Task Healthz_ignores_an_invalid_key()
    {
        using var client = host.ClientWithKey("0123456789ab.not-a-real-key");

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
