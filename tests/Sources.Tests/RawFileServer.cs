using System.Net;
using System.Text;
using Courier.Testing;

namespace Courier.Sources.Tests;

/// <summary>
/// A tiny HTTP server standing in for GitLab's raw-file endpoint: serves fixed files to requests that
/// carry the right <c>PRIVATE-TOKEN</c> header and answers 401 to the rest.
/// </summary>
public sealed class RawFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _files = [];
    private readonly string _token;
    private readonly Task _loop;

    public RawFileServer(string token)
    {
        _token = token;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Address(string path) => new($"http://127.0.0.1:{Port}/{path}");

    public void Put(string path, string text)
    {
        lock (_files)
        {
            _files[path] = text;
        }
    }

    private async Task ServeAsync()
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
            string? text;
            lock (_files)
            {
                _files.TryGetValue(context.Request.Url!.AbsolutePath.TrimStart('/'), out text);
            }
            var response = context.Response;
            if (context.Request.Headers["PRIVATE-TOKEN"] != _token)
            {
                response.StatusCode = 401;
            }
            else if (text is null)
            {
                response.StatusCode = 404;
            }
            else
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                await response.OutputStream.WriteAsync(bytes);
            }
            response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
