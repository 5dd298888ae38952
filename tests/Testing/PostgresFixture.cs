using Xunit;

namespace Courier.Testing;

/// <summary>One PostgreSQL cluster per test class (or collection). Tests isolate themselves with unique table names.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public int Port => Server.Port;

    public string Database => Server.Database;

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
