using Courier.Domain.Connectors.Blob;

namespace Courier.Domain.Destinations.Blob;

/// <summary>A storage-space destination: container, path template (the directory) and overwrite policy.</summary>
public sealed record BlobDestinationSettings(BlobSettings Connection) : FileSystemDestinationSettings
{
    public override string Kind => BlobDestination.KindName;
}
