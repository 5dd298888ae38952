using System.Net.Sockets;

namespace Courier.Domain.Connectors.Ftp;

/// <summary>FTP and explicit FTPS as an <see cref="IRemoteFileSystem"/>; one control connection, one operation at a time.</summary>
public sealed class FtpFileSystem : IRemoteFileSystem
{
    private const int CopyBuffer = 256 * 1024;
    private readonly FtpClient _client;
    private readonly FtpSettings _settings;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private FtpFileSystem(FtpSettings settings, FtpClient client)
    {
        _settings = settings;
        _client = client;
        Endpoint = EndpointOf(settings);
    }

    public RemoteEndpoint Endpoint { get; }

    public static async Task<FtpFileSystem> ConnectAsync(FtpSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return new FtpFileSystem(settings, await FtpClient.ConnectAsync(settings, cancellationToken));
        }
        catch (Exception e) when (IsConnectorFailure(e, cancellationToken))
        {
            var reason = e switch
            {
                FtpReplyException { Code: 530 } => $"login as '{settings.Username}' was refused",
                SocketException s => $"cannot connect ({s.SocketErrorCode})",
                OperationCanceledException => $"no answer within {settings.Timeout.TotalSeconds:0} s",
                _ => e.Message,
            };
            throw new ConnectorException(EndpointOf(settings), "connect", "", reason, e);
        }
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var data = await Run("open", path, () => _client.OpenDataAsync($"RETR {Resolve(path)}", "RETR", cancellationToken), cancellationToken);
            return new GateReleasingStream(data, _gate);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public Task<long> DownloadAsync(string path, Stream destination, CancellationToken cancellationToken) =>
        Locked("download", path, async () =>
        {
            await using var data = await _client.OpenDataAsync($"RETR {Resolve(path)}", "RETR", cancellationToken);
            var counter = new CountingStream(destination);
            await data.CopyToAsync(counter, CopyBuffer, cancellationToken);
            await data.FinishAsync(cancellationToken);
            return counter.BytesWritten;
        }, cancellationToken);

    public Task<long> UploadAsync(string path, Stream content, CancellationToken cancellationToken) =>
        Locked("upload", path, async () =>
        {
            await using var data = await _client.OpenDataAsync($"STOR {Resolve(path)}", "STOR", cancellationToken);
            var counter = new CountingReadStream(content);
            await counter.CopyToAsync(data, CopyBuffer, cancellationToken);
            await data.FinishAsync(cancellationToken);
            return counter.BytesRead;
        }, cancellationToken);

    public Task<RemoteFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken) =>
        Locked("stat", path, async () =>
        {
            var size = await _client.SizeAsync(Resolve(path), cancellationToken);
            return size is null
                ? null
                : new RemoteFileInfo(RemotePath.FileNameOf(path), path, size.Value, await _client.ModifiedAsync(Resolve(path), cancellationToken));
        }, cancellationToken);

    public Task RenameAsync(string source, string target, CancellationToken cancellationToken) =>
        Locked("rename", source, async () =>
        {
            await _client.RenameAsync(Resolve(source), Resolve(target), cancellationToken);
            return true;
        }, cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        Locked("delete", path, async () =>
        {
            await _client.DeleteAsync(Resolve(path), cancellationToken);
            return true;
        }, cancellationToken);

    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) =>
        Locked("create directory", path, async () =>
        {
            await _client.CreateDirectoriesAsync(Resolve(path), cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<RemoteFileInfo>> ListAsync(string directory, string pattern, CancellationToken cancellationToken) =>
        Locked("list", directory, async () =>
        {
            var regex = Wildcard.ToRegex(pattern);
            var all = await _client.ListAsync(Resolve(directory), cancellationToken);
            return (IReadOnlyList<RemoteFileInfo>)all
                .Where(f => regex.IsMatch(f.Name))
                .Select(f => f with { Path = RemotePath.Combine(directory, f.Name) })
                .ToList();
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _gate.Dispose();
    }

    private static RemoteEndpoint EndpointOf(FtpSettings settings) =>
        new(settings.Security == FtpSecurity.ExplicitTls ? "ftps" : "ftp", settings.Host, settings.Port);

    private static bool IsConnectorFailure(Exception e, CancellationToken cancellationToken) =>
        e is IOException or SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Absolute paths (the login directory is resolved once, at connect) so no CWD state matters.</summary>
    private string Resolve(string path)
    {
        if (path.StartsWith('/'))
        {
            return path;
        }
        var root = _settings.RootDirectory.StartsWith('/') ? _settings.RootDirectory : RemotePath.Combine(_client.HomeDirectory, _settings.RootDirectory);
        return RemotePath.Combine(root.Length == 0 ? _client.HomeDirectory : root, path);
    }

    private async Task<T> Locked<T>(string operation, string path, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await Run(operation, path, action, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> Run<T>(string operation, string path, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (IsConnectorFailure(e, cancellationToken))
        {
            throw new ConnectorException(Endpoint, operation, Resolve(path), e.Message, e);
        }
    }
}
