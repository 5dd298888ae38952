using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>
/// Stands in for SendGrid's cloud API (the one thing we may fake): an HttpListener on a free port that
/// accepts POST /v3/mail/send with the expected bearer key, answers 202 like SendGrid, and keeps the messages.
/// </summary>
public sealed class SendGridStub : IAsyncLifetime
{
    public const string ApiKey = "SG.test-key";
    private readonly ConcurrentQueue<CapturedEmail> _messages = new();
    private HttpListener? _listener;
    private Task? _loop;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<CapturedEmail> Messages => [.. _messages];

    public Task InitializeAsync()
    {
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener = new HttpListener();
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _listener?.Stop();
        _listener?.Close();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private async Task ServeAsync()
    {
        while (_listener is { IsListening: true })
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var response = context.Response;
            if (context.Request.HttpMethod != "POST" || context.Request.Url?.AbsolutePath != "/v3/mail/send")
            {
                response.StatusCode = 404;
                continue;
            }
            if (context.Request.Headers["Authorization"] != $"Bearer {ApiKey}")
            {
                response.StatusCode = 401;
                continue;
            }
            using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
            _messages.Enqueue(Parse(body.RootElement));
            response.StatusCode = 202;
            response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
        }
    }

    private static CapturedEmail Parse(JsonElement root)
    {
        var personalization = root.GetProperty("personalizations")[0];
        static List<string> Addresses(JsonElement element, string name) =>
            element.TryGetProperty(name, out var list) ? list.EnumerateArray().Select(a => a.GetProperty("email").GetString()!).ToList() : [];
        string? Content(string type) =>
            root.TryGetProperty("content", out var content)
                ? content.EnumerateArray().Where(c => c.GetProperty("type").GetString() == type).Select(c => c.GetProperty("value").GetString()).FirstOrDefault()
                : null;
        var subject = personalization.TryGetProperty("subject", out var s) ? s.GetString() : root.GetProperty("subject").GetString();
        var attachments = root.TryGetProperty("attachments", out var a)
            ? a.EnumerateArray().Select(x => new CapturedAttachment(x.GetProperty("filename").GetString()!, Convert.FromBase64String(x.GetProperty("content").GetString()!))).ToList()
            : [];
        return new CapturedEmail(subject ?? "", Addresses(personalization, "to"), Addresses(personalization, "cc"), Addresses(personalization, "bcc"),
            Content("text/plain"), Content("text/html"))
        { Attachments = attachments };
    }
}
