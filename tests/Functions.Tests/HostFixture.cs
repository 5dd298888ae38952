using System.Collections.Concurrent;
using System.Net.Http.Json;
using Courier.Testing;

namespace Courier.Functions.Tests;

/// <summary>One Azurite and one in-memory host shared by the host tests, plus a stored key per scope.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private readonly ConcurrentDictionary<string, Task<string>> _keys = new();
    private CourierAppFactory? _factory;

    public CourierAppFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public string StorageConnectionString => _azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _factory = new CourierAppFactory(CourierAppFactory.SettingsFor(_azurite.ConnectionString));
    }

    public HttpClient Client() => Factory.CreateClient();

    public HttpClient ClientWithKey(string key)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    /// <summary>A stored key of the scope, created once through the API with the bootstrap key.</summary>
    public Task<string> KeyAsync(string scope) => _keys.GetOrAdd(scope, s => CreateKeyAsync(Factory, s));

    public static async Task<string> CreateKeyAsync(CourierAppFactory factory, string scope)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Add("x-functions-key", CourierAppFactory.BootstrapKey);
        using var response = await admin.PostAsJsonAsync("/api/keys", new { name = $"test {scope}", scope });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<CreatedKey>();
        return created?.Key ?? throw new InvalidOperationException("POST /api/keys returned no key.");
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await _azurite.DisposeAsync();
    }

    public sealed record CreatedKey(string Id, string Name, string Scope, string Key);
}
