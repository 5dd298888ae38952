using Xunit;

namespace Courier.Testing;

/// <summary>One vsftpd per test class (or collection). Tests isolate themselves with unique file names.</summary>
public sealed class FtpFixture : IAsyncLifetime
{
    private FtpServer? _server;

    public FtpServer Server => _server ?? throw new InvalidOperationException("vsftpd has not started.");

    public string Host => Server.Host;

    public int Port => Server.Port;

    public string UserName => Server.UserName;

    public string Password => Server.Password;

    public string RootDirectory => Server.RootDirectory;

    public string CertificatePath => Server.CertificatePath;

    public async Task InitializeAsync() => _server = await FtpServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
