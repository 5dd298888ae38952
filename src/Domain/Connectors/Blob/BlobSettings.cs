namespace Courier.Domain.Connectors.Blob;

/// <summary>
/// A "storage space": a container in this or another storage account, reached by a connection string
/// or by a container SAS URL (one of the two).
/// </summary>
public sealed record BlobSettings(string Container)
{
    public Secret? ConnectionString { get; init; }

    /// <summary>https://account.blob.core.windows.net/container?sv=…&amp;sig=… (needs read, write, list, delete as used).</summary>
    public Secret? ContainerSasUrl { get; init; }

    /// <summary>Prefix ("folder") inside the container that relative paths start from.</summary>
    public string RootDirectory { get; init; } = "";
}
