using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Courier.Domain.Connectors.Blob;

/// <summary>
/// A blob container seen as a file system: '/'-separated blob names, virtual directories, uploads that
/// appear only when committed (so no temporary name), rename as server-side copy then delete.
/// </summary>
public sealed class BlobFileSystem : IRemoteFileSystem
{
    private readonly BlobContainerClient _container;
    private readonly BlobSettings _settings;

    private BlobFileSystem(BlobSettings settings, BlobContainerClient container)
    {
        _settings = settings;
        _container = container;
        Endpoint = new RemoteEndpoint("blob", container.Uri.Host, container.Uri.IsDefaultPort ? null : container.Uri.Port);
    }

    public RemoteEndpoint Endpoint { get; }

    public bool UploadsAtomically => true;

    public static async Task<BlobFileSystem> ConnectAsync(BlobSettings settings, CancellationToken cancellationToken)
    {
        var options = new BlobClientOptions
        {
            Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), Mode = RetryMode.Exponential, NetworkTimeout = TimeSpan.FromMinutes(2) },
        };
        BlobContainerClient container;
        try
        {
            container = settings.ConnectionString is not null
                ? new BlobServiceClient(settings.ConnectionString.Reveal(), options).GetBlobContainerClient(settings.Container)
                : settings.ContainerSasUrl is not null
                    ? new BlobContainerClient(new Uri(settings.ContainerSasUrl.Reveal()), options)
                    : throw new ConnectorException(new RemoteEndpoint("blob", "unknown"), "connect", settings.Container, "neither a connection string nor a SAS URL is configured");
        }
        catch (FormatException e)
        {
            // The parser's message can quote the string; say only that it is malformed.
            throw new ConnectorException(new RemoteEndpoint("blob", "unknown"), "connect", settings.Container, "the connection string or SAS URL is malformed", e);
        }
        var fileSystem = new BlobFileSystem(settings, container);
        await fileSystem.Run("connect", "", async () =>
        {
            if (settings.ConnectionString is not null)
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            return true;
        });
        return fileSystem;
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken) =>
        Run("open", path, () => Blob(path).OpenReadAsync(cancellationToken: cancellationToken));

    public Task<long> DownloadAsync(string path, Stream destination, CancellationToken cancellationToken) =>
        Run("download", path, async () =>
        {
            var counter = new CountingStream(destination);
            await Blob(path).DownloadToAsync(counter, cancellationToken);
            return counter.BytesWritten;
        });

    public Task<long> UploadAsync(string path, Stream content, CancellationToken cancellationToken) =>
        Run("upload", path, async () =>
        {
            var counter = new CountingReadStream(content);
            await Blob(path).UploadAsync(counter, new BlobUploadOptions
            {
                TransferOptions = new Azure.Storage.StorageTransferOptions { MaximumConcurrency = 4, MaximumTransferSize = 8 * 1024 * 1024 },
            }, cancellationToken);
            return counter.BytesRead;
        });

    public Task<RemoteFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken) =>
        Run("stat", path, async () =>
        {
            try
            {
                var properties = (await Blob(path).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
                return new RemoteFileInfo(RemotePath.FileNameOf(path), path, properties.ContentLength, properties.LastModified);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return (RemoteFileInfo?)null;
            }
        });

    public Task RenameAsync(string source, string target, CancellationToken cancellationToken) =>
        Run("rename", source, async () =>
        {
            var copy = await Blob(target).StartCopyFromUriAsync(Blob(source).Uri, cancellationToken: cancellationToken);
            await copy.WaitForCompletionAsync(cancellationToken);
            await Blob(source).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return true;
        });

    public Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        Run("delete", path, async () => (await Blob(path).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value);

    /// <summary>Blob Storage has no directories: a "folder" exists as soon as a blob is under it.</summary>
    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<RemoteFileInfo>> ListAsync(string directory, string pattern, CancellationToken cancellationToken) =>
        Run("list", directory, async () =>
        {
            var regex = Wildcard.ToRegex(pattern);
            var prefix = Name(directory);
            prefix = prefix.Length == 0 ? "" : prefix + "/";
            var files = new List<RemoteFileInfo>();
            await foreach (var item in _container.GetBlobsByHierarchyAsync(BlobTraits.None, BlobStates.None, "/", prefix, cancellationToken))
            {
                if (item.IsBlob)
                {
                    var name = item.Blob.Name[prefix.Length..];
                    if (regex.IsMatch(name))
                    {
                        files.Add(new RemoteFileInfo(name, RemotePath.Combine(directory, name), item.Blob.Properties.ContentLength ?? 0, item.Blob.Properties.LastModified));
                    }
                }
            }
            return (IReadOnlyList<RemoteFileInfo>)files;
        });

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private BlobClient Blob(string path) => _container.GetBlobClient(Name(path));

    private string Name(string path) =>
        (path.StartsWith('/') ? path : RemotePath.Combine(_settings.RootDirectory, path)).Trim('/');

    private async Task<T> Run<T>(string operation, string path, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (RequestFailedException e)
        {
            // Status and error code only: the SDK's full message lists request headers.
            var reason = e.Status == 0 ? "cannot connect" : $"{e.Status} {e.ErrorCode ?? "error"}";
            throw new ConnectorException(Endpoint, operation, $"{_container.Name}/{Name(path)}", reason, e);
        }
        catch (AggregateException e)
        {
            throw new ConnectorException(Endpoint, operation, $"{_container.Name}/{Name(path)}", "cannot connect", e);
        }
    }
}
