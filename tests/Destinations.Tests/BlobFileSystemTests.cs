using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Blob;
using Courier.Testing;

namespace Courier.Destinations.Tests;

[Collection(SharedStorage.Name)]
public sealed class BlobFileSystemTests(AzuriteFixture azurite) : RemoteFileSystemContract
{
    protected override async Task<IRemoteFileSystem> ConnectAsync() => await BlobFileSystem.ConnectAsync(BlobContainers.Settings(azurite), default);

    protected override async Task PlaceAsync(string path, byte[] content)
    {
        var container = BlobContainers.Client(azurite);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(path).UploadAsync(new BinaryData(content), overwrite: true);
    }
}
