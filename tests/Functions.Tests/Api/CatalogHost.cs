using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Courier.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Courier.Functions.Tests.Api;

/// <summary>
/// The real host in memory on one Azurite, with its own catalog tables, a secret key, a high rate
/// limit (the malformed-request corpus sends many requests) and every log line captured.
/// </summary>
public sealed class CatalogHost : IAsyncLifetime
{
    public const string BootstrapKey = "catalog-tests-bootstrap-admin-key-01";

    /// <summary>The one proxy whose X-Forwarded-For the host believes (a documentation address, RFC 5737).</summary>
    public const string TrustedProxy = "198.51.100.1";

    private readonly AzuriteFixture _azurite = new();
    private readonly ConcurrentDictionary<string, Task<string>> _keys = new();
    private readonly IReadOnlyDictionary<string, string?> _extraSettings;
    private Factory? _factory;

    public CatalogHost()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A host with settings of its own on top (xunit builds fixtures through the public constructor alone).</summary>
    internal CatalogHost(IReadOnlyDictionary<string, string?> extraSettings) => _extraSettings = extraSettings;

    public CapturedLogs Logs { get; } = new();

    public string TablePrefix { get; } = UniqueName.For("api");

    public string StorageConnectionString => _azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["Courier:BootstrapAdminKey"] = BootstrapKey,
            ["Courier:RateLimit:PermitLimit"] = "1000000",
            ["Courier:TrustedProxies"] = TrustedProxy,
            ["Courier:Catalog:TablePrefix"] = TablePrefix,
            ["Courier:Secrets:ActiveKeyId"] = "t1",
            ["Courier:Secrets:Keys:t1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (name, value) in _extraSettings)
        {
            settings[name] = value;
        }
        _factory = new Factory(settings, Logs);
    }

    /// <summary>A client holding the bootstrap admin key, or a stored key of <paramref name="scope"/>.</summary>
    public async Task<HttpClient> ClientAsync(string scope = "admin")
    {
        var key = scope == "admin" ? BootstrapKey : await _keys.GetOrAdd(scope, CreateKeyAsync);
        var client = _factory!.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    /// <summary>A client that sends no API key.</summary>
    public HttpClient AnonymousClient() => _factory!.CreateClient();

    /// <summary>The in-memory server, for requests a client cannot shape (a caller's network address).</summary>
    public TestServer Server => _factory!.Server;

    /// <summary>The host's services, for what tests do behind the API (raising a run's external event).</summary>
    public IServiceProvider Services => _factory!.Services;

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    private async Task<string> CreateKeyAsync(string scope)
    {
        using var admin = await ClientAsync();
        using var response = await admin.PostAsJsonAsync("/api/keys", new { name = $"catalog {scope}", scope });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return created.GetProperty("key").GetString()!;
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, CapturedLogs logs) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        }
    }
}
