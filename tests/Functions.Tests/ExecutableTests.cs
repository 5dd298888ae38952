using System.Net;
using System.Text.Json;
using Courier.Testing;

namespace Courier.Functions.Tests;

/// <summary>
/// The built executable as scripts/run starts it (<c>dotnet Courier.Functions.dll</c>), configured
/// only through the environment, checked over real HTTP: the local run path, not just the in-memory host.
/// </summary>
[Collection(SharedHost.Name)]
public sealed class ExecutableTests(HostFixture host)
{
    [Fact]
    public async Task The_built_host_reports_storage_healthy_and_guards_keyed_routes()
    {
        var port = FreePort.Next();
        var workingDirectory = TestRun.NewTempDirectory("host");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await using var server = await ServerProcess.StartAsync(
            "courier-host",
            "dotnet",
            [HostExecutable.Dll()],
            async ct => (await http.GetAsync("/healthz", ct)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            workingDirectory,
            new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["AzureWebJobsStorage"] = host.StorageConnectionString,
                ["Courier__BootstrapAdminKey"] = CourierAppFactory.BootstrapKey,
            });

        var health = JsonDocument.Parse(await http.GetStringAsync("/healthz")).RootElement;
        using var withoutKey = await http.GetAsync("/api/keys");
        using var withKey = new HttpRequestMessage(HttpMethod.Get, "/api/keys");
        withKey.Headers.Add("x-functions-key", CourierAppFactory.BootstrapKey);
        using var authorized = await http.SendAsync(withKey);

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        await Problems.AssertProblemAsync(withoutKey, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
        Directory.Delete(workingDirectory, recursive: true);
    }
}
