using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Courier.Domain.Pipeline.Naming;

namespace Courier.Domain.Pipeline.Storage;

/// <summary>Where output files live: container <c>outputs</c>, blob <c>{project}/{task}/{run}/{file}</c>.</summary>
public sealed class OutputBlobStore(BlobServiceClient blobs, string containerName = OutputBlobStore.DefaultContainer)
{
    public const string DefaultContainer = "outputs";

    public string ContainerName => containerName;

    /// <summary>The blob name; every part must be one safe path segment so no name can reach another run's folder.</summary>
    public static string BlobName(string project, string task, string runId, string fileName)
    {
        runId = RunIdName.Of(runId);
        foreach (var (part, label) in new[] { (project, "project"), (task, "task"), (runId, "run id"), (fileName, "file name") })
        {
            if (SafeFileName.Problem(part) is { } problem)
            {
                throw new FileNameException($"The {label} cannot be part of a blob path: {problem}");
            }
        }
        return $"{project}/{task}/{runId}/{fileName}";
    }

    public async Task<BlockBlobWriter> OpenWriteAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(containerName);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return new BlockBlobWriter(container.GetBlockBlobClient(blobName));
    }

    public BlobClient Blob(string blobName) => blobs.GetBlobContainerClient(containerName).GetBlobClient(blobName);
}
