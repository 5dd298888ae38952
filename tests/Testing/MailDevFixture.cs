using Xunit;

namespace Courier.Testing;

/// <summary>One maildev per test class (or collection). Tests tell their messages apart by unique subjects or recipients.</summary>
public sealed class MailDevFixture : IAsyncLifetime
{
    private MailDevServer? _server;

    public MailDevServer Server => _server ?? throw new InvalidOperationException("maildev has not started.");

    public string Host => Server.Host;

    public int SmtpPort => Server.SmtpPort;

    public int WebPort => Server.WebPort;

    public string ApiBaseUrl => Server.ApiBaseUrl;

    public Task<IReadOnlyList<MailDevMessage>> GetMessagesAsync(CancellationToken cancellationToken = default) =>
        Server.GetMessagesAsync(cancellationToken);

    public Task<byte[]> GetAttachmentAsync(string id, string generatedFileName, CancellationToken cancellationToken = default) =>
        Server.GetAttachmentAsync(id, generatedFileName, cancellationToken);

    public Task DeleteAllAsync(CancellationToken cancellationToken = default) => Server.DeleteAllAsync(cancellationToken);

    public Task<IReadOnlyList<MailDevMessage>> WaitForMessagesAsync(int count, TimeSpan timeout) =>
        Server.WaitForMessagesAsync(count, timeout);

    public async Task InitializeAsync() => _server = await MailDevServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
