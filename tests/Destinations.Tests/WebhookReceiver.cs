using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>A real local HTTP endpoint (HttpListener, free port) that records the JSON bodies POSTed to it.</summary>
public sealed class WebhookReceiver : IAsyncLifetime
{
    private readonly ConcurrentQueue<JsonElement> _bodies = new();
    private readonly ConcurrentQueue<string> _authorizations = new();
    private HttpListener? _listener;
    private Task? _loop;

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<JsonElement> Bodies => [.. _bodies];

    /// <summary>The Authorization header of every POST that had one.</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    public Task InitializeAsync()
    {
        Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/hooks/courier/");
        _listener = new HttpListener();
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (_listener.IsListening)
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
                if (context.Request.Headers["Authorization"] is { } authorization)
                {
                    _authorizations.Enqueue(authorization);
                }
                using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
                _bodies.Enqueue(body.RootElement.Clone());
                response.StatusCode = 204;
            }
        });
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
}
