using Azure;
using Azure.Storage.Blobs;
using Courier.Domain.Destinations;
using Courier.Domain.Pipeline.Storage;

namespace Courier.Domain.Delivery;

/// <summary>
/// A run's stored outputs as <see cref="DeliveryFile"/>s: streamed from Blob Storage when read, linkable
/// for a limited time, with the content type they were written with. Deliveries and notifications both
/// open the run's files here.
/// </summary>
public sealed class StoredRunFiles(BlobServiceClient blobs, TimeProvider timeProvider)
{
    /// <summary>The storage account's host, for error messages.</summary>
    public string Host => blobs.Uri.Host;

    /// <exception cref="ArgumentException">The row's path is not <c>container/blob</c>.</exception>
    /// <exception cref="RequestFailedException">The blob cannot be read.</exception>
    public async Task<DeliveryFile> OpenAsync(RunFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var path = file.BlobPath;
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            throw new ArgumentException($"'{path}' is not a container/blob path", nameof(file));
        }
        var blob = blobs.GetBlobContainerClient(path[..slash]).GetBlobClient(path[(slash + 1)..]);
        var contentType = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentType;
        return DeliveryFile.FromBlob(blob, file.Name, file.Size, file.Sha256, timeProvider) with
        {
            ContentType = string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType,
            HasNoRows = file.IsEmpty,
        };
    }
}
