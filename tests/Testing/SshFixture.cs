using Xunit;

namespace Courier.Testing;

/// <summary>One sshd per test class (or collection). Tests isolate themselves with unique file names.</summary>
public sealed class SshFixture : IAsyncLifetime
{
    private SshServer? _server;

    public SshServer Server => _server ?? throw new InvalidOperationException("sshd has not started.");

    public string Host => Server.Host;

    public int Port => Server.Port;

    public string UserName => Server.UserName;

    public string Password => Server.Password;

    public string PrivateKeyPath => Server.PrivateKeyPath;

    public string PrivateKeyPem => Server.PrivateKeyPem;

    public string ProtectedKeyPem => Server.ProtectedKeyPem;

    public string KeyPassphrase => Server.KeyPassphrase;

    public string HostKeySha256Fingerprint => Server.HostKeySha256Fingerprint;

    public string RootDirectory => Server.RootDirectory;

    public async Task InitializeAsync() => _server = await SshServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
