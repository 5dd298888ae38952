using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace Courier.Domain.Destinations;

/// <summary>
/// The file to deliver: its name, size and sha256 (recorded when it was written to Blob Storage), a way
/// to open it as a stream, and, when it lives in a blob, a way to mint a time-limited download link.
/// </summary>
public sealed record DeliveryFile(string Name, long Length, string Sha256, Func<CancellationToken, Task<Stream>> OpenReadAsync)
{
    /// <summary>A read-only link valid for the given time, or null when the file cannot be linked to.</summary>
    public Func<TimeSpan, Uri>? CreateDownloadLink { get; init; }

    /// <summary>The content type for email attachments and blob uploads.</summary>
    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>The file has no data rows: a header-only CSV is not zero bytes but is still "empty" to users.</summary>
    public bool HasNoRows { get; init; }

    /// <summary>What "don't send empty files" skips: no bytes, or no data rows.</summary>
    public bool IsEmpty => Length == 0 || HasNoRows;

    /// <summary>A file stored in Blob Storage (the run's outputs). The blob client must hold a shared key for links.</summary>
    public static DeliveryFile FromBlob(BlobClient blob, string name, long length, string sha256, TimeProvider timeProvider) =>
        new(name, length, sha256, async ct => await blob.OpenReadAsync(cancellationToken: ct))
        {
            CreateDownloadLink = blob.CanGenerateSasUri
                ? validFor => blob.GenerateSasUri(BlobSasPermissions.Read, timeProvider.GetUtcNow().Add(validFor))
                : null,
        };
}
