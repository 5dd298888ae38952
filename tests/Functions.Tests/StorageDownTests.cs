using System.Net;

namespace Courier.Functions.Tests;

/// <summary>The host starts and answers while storage is unreachable, and says so without secrets.</summary>
public sealed class StorageDownTests : IAsyncLifetime
{
    private readonly string _connectionString = DeadStorage.ConnectionString();
    private CourierAppFactory? _factory;

    private CourierAppFactory Factory => _factory!;

    public Task InitializeAsync()
    {
        _factory = new CourierAppFactory(CourierAppFactory.SettingsFor(_connectionString));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Healthz_answers_503_problem_naming_each_unreachable_service()
    {
        using var client = Factory.CreateClient();

        using var response = await client.GetAsync("/healthz");

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        var storage = problem.GetProperty("storage");
        Assert.Equal("unreachable", storage.GetProperty("tables").GetString());
        Assert.Equal("unreachable", storage.GetProperty("queues").GetString());
        Assert.Equal("unreachable", storage.GetProperty("blobs").GetString());
        var body = problem.GetRawText();
        Assert.DoesNotContain("AccountKey", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Eby8vdM02x", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bootstrap_key_still_authenticates_and_a_stored_key_lookup_answers_503()
    {
        using var bootstrap = Factory.CreateClient();
        bootstrap.DefaultRequestHeaders.Add("x-functions-key", CourierAppFactory.BootstrapKey);
        using var stored = Factory.CreateClient();
        stored.DefaultRequestHeaders.Add("x-functions-key", "0123456789ab.some-stored-key");

        // The bootstrap key needs no storage, so the request gets as far as listing keys, which does.
        using var listed = await bootstrap.GetAsync("/api/keys");
        using var looked = await stored.GetAsync("/api/keys");

        await Problems.AssertProblemAsync(listed, HttpStatusCode.ServiceUnavailable);
        var problem = await Problems.AssertProblemAsync(looked, HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain("127.0.0.1", problem.GetRawText(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
