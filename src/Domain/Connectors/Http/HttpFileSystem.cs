using System.Net;

namespace Courier.Domain.Connectors.Http;

/// <summary>A read-only <see cref="IRemoteFileSystem"/> over HTTP(S) for query locations and remote-file sources.</summary>
public sealed class HttpFileSystem : IRemoteFileSystem
{
    private readonly HttpClient _http;
    private readonly HttpSettings _settings;

    public HttpFileSystem(HttpSettings settings, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = settings.Timeout;
        Endpoint = new RemoteEndpoint(settings.BaseUrl.Scheme, settings.BaseUrl.Host, settings.BaseUrl.IsDefaultPort ? null : settings.BaseUrl.Port);
    }

    public RemoteEndpoint Endpoint { get; }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(HttpMethod.Get, path, "open", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            throw new ConnectorException(Endpoint, "open", Display(path), "404 not found");
        }
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    public async Task<long> DownloadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        await using var source = await OpenReadAsync(path, cancellationToken);
        var counter = new CountingStream(destination);
        await source.CopyToAsync(counter, 256 * 1024, cancellationToken);
        return counter.BytesWritten;
    }

    public async Task<RemoteFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, path, "stat", cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : new RemoteFileInfo(RemotePath.FileNameOf(path), path, response.Content.Headers.ContentLength ?? -1, response.Content.Headers.LastModified);
    }

    public Task<long> UploadAsync(string path, Stream content, CancellationToken cancellationToken) => throw ReadOnly("upload", path);

    public Task RenameAsync(string source, string target, CancellationToken cancellationToken) => throw ReadOnly("rename", source);

    public Task DeleteAsync(string path, CancellationToken cancellationToken) => throw ReadOnly("delete", path);

    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) => throw ReadOnly("create directory", path);

    public Task<IReadOnlyList<RemoteFileInfo>> ListAsync(string directory, string pattern, CancellationToken cancellationToken) =>
        throw ReadOnly("list", directory);

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string operation, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_settings.BaseUrl, path));
        if (_settings.Token is not null)
        {
            request.Headers.TryAddWithoutValidation(_settings.HeaderName,
                _settings.Scheme.Length == 0 ? _settings.Token.Reveal() : $"{_settings.Scheme} {_settings.Token.Reveal()}");
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ConnectorException(Endpoint, operation, Display(path), $"cannot connect ({e.HttpRequestError})", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConnectorException(Endpoint, operation, Display(path), $"no answer within {_settings.Timeout.TotalSeconds:0} s", e);
        }
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new ConnectorException(Endpoint, operation, Display(path),
                $"{(int)status} {status}{(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? " (check the token)" : "")}");
        }
        return response;
    }

    /// <summary>The path without query string: a signed URL's query may carry a secret.</summary>
    private string Display(string path) => new Uri(_settings.BaseUrl, path).GetLeftPart(UriPartial.Path);

    private NotSupportedException ReadOnly(string operation, string path) =>
        new($"{Endpoint}: {operation} '{Display(path)}' is not possible: HTTP locations are read-only.");
}
