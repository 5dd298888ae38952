using System.Net;
using System.Text;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Http;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>The read-only HTTP file system against a real local HTTP endpoint that requires a token.</summary>
public sealed class HttpFileSystemTests : IAsyncLifetime
{
    private const string Token = "glpat-Canary-7d1e";
    private readonly HttpListener _listener = new();
    private Uri _base = new("http://127.0.0.1/");
    private Task? _loop;

    public Task InitializeAsync()
    {
        _base = new Uri($"http://127.0.0.1:{FreePort.Next()}/repo/raw/");
        _listener.Prefixes.Add(_base.ToString());
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
                if (context.Request.Headers["PRIVATE-TOKEN"] != Token)
                {
                    response.StatusCode = 401;
                    continue;
                }
                if (context.Request.Url!.AbsolutePath != "/repo/raw/sql/sales.sql")
                {
                    response.StatusCode = 404;
                    continue;
                }
                var body = Encoding.UTF8.GetBytes("SELECT * FROM sales WHERE day = @day;");
                response.ContentLength64 = body.Length;
                if (context.Request.HttpMethod == "GET")
                {
                    await response.OutputStream.WriteAsync(body);
                }
            }
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        if (_loop is not null)
        {
            await _loop;
        }
    }

    private HttpSettings Settings(string token) => new(_base) { Token = new Secret(token), HeaderName = "PRIVATE-TOKEN", Scheme = "" };

    [Fact]
    public async Task Reads_a_file_and_its_size_with_a_token()
    {
        await using var fs = new HttpFileSystem(Settings(Token));

        using var target = new MemoryStream();
        await fs.DownloadAsync("sql/sales.sql", target, default);
        var info = await fs.GetInfoAsync("sql/sales.sql", default);
        var missing = await fs.GetInfoAsync("sql/other.sql", default);

        Assert.Equal("SELECT * FROM sales WHERE day = @day;", Encoding.UTF8.GetString(target.ToArray()));
        Assert.Equal(target.Length, info?.Size);
        Assert.Null(missing);
    }

    [Fact]
    public async Task A_wrong_token_fails_clearly_without_showing_it()
    {
        await using var fs = new HttpFileSystem(Settings("wrong-" + Token));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => fs.OpenReadAsync("sql/sales.sql", default));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Contains("/repo/raw/sql/sales.sql", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
    }
}
