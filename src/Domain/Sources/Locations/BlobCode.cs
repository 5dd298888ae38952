using Azure.Storage.Blobs;

namespace Courier.Domain.Sources.Locations;

/// <summary>A blob in Azure Storage (a "storage space").</summary>
public sealed class BlobCode(BlobClient blob) : ICodeLocation
{
    public string Key => $"blob://{blob.Uri.Host}:{blob.Uri.Port}/{blob.BlobContainerName}/{blob.Name}";

    public bool IsRemote => true;

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var text = new MemoryStream();
        await blob.DownloadToAsync(text, cancellationToken);
        text.Position = 0;
        return text;
    }
}
