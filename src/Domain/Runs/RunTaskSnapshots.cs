using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Courier.Domain.Model;

namespace Courier.Domain.Runs;

/// <summary>
/// The task definition each run began with, as blob <c>runtasks/{taskId}/{runId}.json</c>: a resend "to the
/// destinations it originally went to" reads the destinations from here, since the task may have been edited
/// since. Definitions name connections by id and hold no secret.
/// </summary>
public sealed class RunTaskSnapshots(BlobServiceClient blobs)
{
    public const string ContainerName = "runtasks";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerName);
    private bool _created;

    /// <summary>Overwrites: an activity run again after a crash returns (and so records) the definition it read last.</summary>
    public async Task SaveAsync(string runId, TaskDefinition task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_created)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(task, CourierJson.Options);
        await _container.GetBlobClient(BlobName(task.Id, runId)).UploadAsync(new BinaryData(json), overwrite: true, cancellationToken);
    }

    /// <summary>Null for a run that began before snapshots were kept, or whose snapshot was purged.</summary>
    public async Task<TaskDefinition?> GetAsync(Guid taskId, string runId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(BlobName(taskId, runId)).DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<TaskDefinition>(content.Value.Content.ToMemory().Span, CourierJson.Stored);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static string BlobName(Guid taskId, string runId) => $"{taskId:D}/{runId}.json";
}
