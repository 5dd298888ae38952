using Courier.Domain.Connectors;

namespace Courier.Domain.Sources.Locations;

/// <summary>
/// A file on any remote file system the connectors provide (SFTP, FTP/FTPS, SMB, blob). The
/// connection is opened for the fetch and closed after it.
/// </summary>
public sealed class RemoteFileCode(RemoteEndpoint endpoint, string path, Func<CancellationToken, Task<IRemoteFileSystem>> connect) : ICodeLocation
{
    public string Key => $"{endpoint}/{path.TrimStart('/')}";

    public bool IsRemote => true;

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connect);
        var files = await connect(cancellationToken);
        try
        {
            var text = new MemoryStream();
            await files.DownloadAsync(path, text, cancellationToken);
            text.Position = 0;
            return text;
        }
        finally
        {
            await files.DisposeAsync();
        }
    }
}
