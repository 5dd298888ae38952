using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Courier.Domain.Runs;

/// <summary>
/// Each run's log as an append blob <c>runlogs/{taskId}/{runId}.log</c>: every activity of the run
/// appends its lines, so the log can be read (and streamed to a caller) while the run is going, and
/// is the file notifications attach.
/// </summary>
public sealed class RunLogStore(BlobServiceClient blobs, TimeProvider time)
{
    public const string ContainerName = "runlogs";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerName);
    private bool _created;

    /// <summary>A logger for one activity of the run; its lines reach the blob when it is flushed or disposed.</summary>
    public RunLogWriter OpenWriter(Guid taskId, string runId, string step) => new(this, taskId, runId, step, time);

    public async Task AppendAsync(Guid taskId, string runId, string text, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(taskId, runId, cancellationToken);
        await blob.CreateIfNotExistsAsync(new AppendBlobCreateOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/plain; charset=utf-8" } }, cancellationToken);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        // An append block holds at most 4 MiB.
        for (var offset = 0; offset < bytes.Length; offset += blob.AppendBlobMaxAppendBlockBytes)
        {
            var count = Math.Min(blob.AppendBlobMaxAppendBlockBytes, bytes.Length - offset);
            using var block = new MemoryStream(bytes, offset, count, writable: false);
            await blob.AppendBlockAsync(block, cancellationToken: cancellationToken);
        }
    }

    /// <summary>The log as written so far; null when the run has written nothing.</summary>
    public async Task<Stream?> OpenReadAsync(Guid taskId, string runId, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(taskId, runId, cancellationToken);
        try
        {
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: true), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task<AppendBlobClient> BlobAsync(Guid taskId, string runId, CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }
        return _container.GetAppendBlobClient($"{taskId:D}/{runId}.log");
    }
}
