using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Courier.Domain.Sources.Locations;

/// <summary>
/// The last text fetched from each code location, kept in blob storage so a task still runs while
/// the place its query lives in is down. It holds the text as fetched, before parameters are bound
/// or statements removed, so parameters keep working on a cached query.
/// </summary>
public sealed class CodeCache(BlobContainerClient container)
{
    public async Task SaveAsync(string key, string text, CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Blob(key).UploadAsync(BinaryData.FromString(text), overwrite: true, cancellationToken);
    }

    /// <summary>The cached text and when it was saved, or null when there is none.</summary>
    public async Task<(string Text, DateTimeOffset Saved)?> TryLoadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var result = await Blob(key).DownloadContentAsync(cancellationToken);
            return (result.Value.Content.ToString(), result.Value.Details.LastModified);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound || e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            return null;
        }
    }

    private BlobClient Blob(string key) =>
        container.GetBlobClient($"code/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}.txt");
}
