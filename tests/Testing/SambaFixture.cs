using Xunit;

namespace Courier.Testing;

/// <summary>One smbd per test class (or collection). Tests isolate themselves with unique file names.</summary>
public sealed class SambaFixture : IAsyncLifetime
{
    private SambaServer? _server;

    public SambaServer Server => _server ?? throw new InvalidOperationException("smbd has not started.");

    public string Host => Server.Host;

    public int Port => Server.Port;

    public string ShareName => Server.ShareName;

    public string UserName => Server.UserName;

    public string Password => Server.Password;

    public string RootDirectory => Server.RootDirectory;

    public async Task InitializeAsync() => _server = await SambaServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
