using Azure.Storage.Blobs;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Blob;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>Blob settings for Azurite, and a way to read a container with the SDK directly (not through Courier).</summary>
internal static class BlobContainers
{
    public const string Container = "storage-space";

    public static BlobSettings Settings(AzuriteFixture azurite) => new(Container) { ConnectionString = new Secret(azurite.ConnectionString) };

    public static BlobContainerClient Client(AzuriteFixture azurite) => new(azurite.ConnectionString, Container);

    public static async Task<IReadOnlyDictionary<string, byte[]>> ReadAsync(AzuriteFixture azurite, string directory)
    {
        var container = Client(azurite);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!await container.ExistsAsync())
        {
            return files;
        }
        await foreach (var item in container.GetBlobsByHierarchyAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "/", directory + "/", default))
        {
            if (item.IsBlob)
            {
                var content = await container.GetBlobClient(item.Blob.Name).DownloadContentAsync();
                files[item.Blob.Name[(directory.Length + 1)..]] = content.Value.Content.ToArray();
            }
        }
        return files;
    }
}
