using System.IO.Compression;
using System.Text;
using Azure.Storage.Blobs;

namespace Courier.Durable.Storage;

/// <summary>
/// Gzipped blobs for values too large for a queue message or a table property. Blobs are named
/// under the instance's key so purging an instance removes them with one prefix listing.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container)
{
    /// <summary>Azure tables hold 64 KiB per string property (UTF-16): keep well under it.</summary>
    public const int MaxTableChars = 30 * 1024;

    /// <summary>Queue messages are at most 64 KiB; Durable Task offloads above 45 KB.</summary>
    public const int MaxQueueBytes = 45 * 1024;

    /// <summary>A queue body is also stored escaped inside an outbox row, so it must leave room for escaping.</summary>
    public const int MaxQueueChars = 20 * 1024;

    public static bool TooLargeForTable(string value) => value.Length > MaxTableChars;

    public static bool TooLargeForQueue(string value) =>
        value.Length > MaxQueueChars || Encoding.UTF8.GetByteCount(value) > MaxQueueBytes;

    public async Task<string> UploadAsync(string instanceId, string value, CancellationToken cancellationToken)
    {
        var name = $"{KeyEncoding.Escape(instanceId)}/{Guid.NewGuid():N}.json.gz";
        using var buffer = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        await using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            await writer.WriteAsync(value.AsMemory(), cancellationToken);
        }
        buffer.Position = 0;
        await container.GetBlobClient(name).UploadAsync(buffer, overwrite: true, cancellationToken);
        return name;
    }

    public async Task<string> DownloadAsync(string name, CancellationToken cancellationToken)
    {
        var response = await container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken);
        await using var gzip = new GZipStream(response.Value.Content, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    public async Task DeleteInstanceBlobsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var prefix = KeyEncoding.Escape(instanceId) + "/";
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Stores a table property inline, or in a blob when too large (returns the blob name instead).</summary>
    public async Task<(string? Inline, string? Blob)> ForTableAsync(string instanceId, string? value, CancellationToken cancellationToken) =>
        value is null ? (null, null)
        : TooLargeForTable(value) ? (null, await UploadAsync(instanceId, value, cancellationToken))
        : (value, null);

    public async Task<string?> FromTableAsync(string? inline, string? blob, CancellationToken cancellationToken) =>
        blob is null ? inline : await DownloadAsync(blob, cancellationToken);
}
