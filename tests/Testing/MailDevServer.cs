using System.Net.Http.Json;

namespace Courier.Testing;

/// <summary>
/// maildev 3 (from node_modules) catching SMTP on a free port, with its REST API on another
/// (reference/local-servers.md §4: the API lives under <c>/api/email</c>). Tests send mail to
/// <see cref="SmtpPort"/> and read what arrived through the helpers here.
/// </summary>
public sealed class MailDevServer : IAsyncDisposable
{
    private readonly ServerProcess _process;
    private readonly HttpClient _http;

    private MailDevServer(ServerProcess process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        WebPort = webPort;
        _http = new HttpClient { BaseAddress = new Uri(ApiBaseUrl) };
    }

    public string Host { get; } = "127.0.0.1";

    public int SmtpPort { get; }

    public int WebPort { get; }

    /// <summary>The web server's base address, e.g. http://127.0.0.1:1080/ (the API is under api/).</summary>
    public string ApiBaseUrl => $"http://127.0.0.1:{WebPort}/";

    public ServerProcess Process => _process;

    public static Task<MailDevServer> StartAsync() => StartAsync(FreePort.Next(), FreePort.Next());

    public static async Task<MailDevServer> StartAsync(int smtpPort, int webPort)
    {
        var directory = ServerDirectory.Create("maildev");
        var process = await ServerProcess.StartAsync(
            "maildev",
            RepoPaths.NodeTool("maildev"),
            [
                "--smtp", $"{smtpPort}", "--ip", "127.0.0.1",
                "--web", $"{webPort}", "--web-ip", "127.0.0.1",
                "--mail-directory", directory,
            ],
            async ct => await Probe.GreetsWithAsync(smtpPort, "220", ct) && await IsHealthyAsync(webPort, ct),
            TimeSpan.FromSeconds(60),
            workingDirectory: directory,
            ownedDirectory: directory);
        return new MailDevServer(process, smtpPort, webPort);
    }

    private static async Task<bool> IsHealthyAsync(int webPort, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{webPort}/api/healthz"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Every message maildev holds, oldest first.</summary>
    public async Task<IReadOnlyList<MailDevMessage>> GetMessagesAsync(CancellationToken cancellationToken = default) =>
        await _http.GetFromJsonAsync<List<MailDevMessage>>("api/email", cancellationToken) ?? [];

    /// <summary>An attachment's bytes; <paramref name="generatedFileName"/> comes from <see cref="MailDevAttachment.GeneratedFileName"/>.</summary>
    public async Task<byte[]> GetAttachmentAsync(string id, string generatedFileName, CancellationToken cancellationToken = default) =>
        await _http.GetByteArrayAsync(
            new Uri($"api/email/{Uri.EscapeDataString(id)}/attachment/{Uri.EscapeDataString(generatedFileName)}", UriKind.Relative),
            cancellationToken);

    public async Task DeleteAllAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.DeleteAsync(new Uri("api/email/all", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived, or throws naming what did arrive.</summary>
    public async Task<IReadOnlyList<MailDevMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        IReadOnlyList<MailDevMessage> messages = [];
        while (!deadline.IsCancellationRequested)
        {
            messages = await GetMessagesAsync(CancellationToken.None);
            if (messages.Count >= count)
            {
                return messages;
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        throw new TimeoutException(
            $"maildev received {messages.Count} of {count} messages within {timeout.TotalSeconds:0.#} s; subjects: " +
            string.Join(", ", messages.Select(m => $"'{m.Subject}'")));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }
}
