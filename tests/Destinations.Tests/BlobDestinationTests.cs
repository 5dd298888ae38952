using Courier.Domain.Connectors;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Blob;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>The file-system destination contract against Azurite's blob service.</summary>
[Collection(SharedStorage.Name)]
public sealed class BlobDestinationTests(AzuriteFixture azurite) : FileSystemDestinationContract
{
    protected override IDestination Destination { get; } = new BlobDestination(TimeProvider.System);

    protected override FileSystemDestinationSettings Settings(string directory, OverwritePolicy overwrite, bool skipEmpty = false) =>
        new BlobDestinationSettings(BlobContainers.Settings(azurite)) { Directory = directory, Overwrite = overwrite, SkipEmptyFile = skipEmpty };

    protected override FileSystemDestinationSettings DownSettings() =>
        new BlobDestinationSettings(new(BlobContainers.Container) { ContainerSasUrl = new Secret($"http://127.0.0.1:{FreePort.Next()}/devstoreaccount1/c?sv=2024-08-04&sp=rw&sig={Canary}") });

    protected override FileSystemDestinationSettings WrongPasswordSettings() =>
        new BlobDestinationSettings(new(BlobContainers.Container)
        {
            ContainerSasUrl = new Secret($"http://127.0.0.1:{azurite.Server.BlobPort}/devstoreaccount1/{BlobContainers.Container}?sv=2024-08-04&sr=c&sp=rwdl&se=2099-01-01&sig={Canary}"),
        });

    protected override Task<IReadOnlyDictionary<string, byte[]>> ReadDirectoryAsync(string directory) => BlobContainers.ReadAsync(azurite, directory);
}
