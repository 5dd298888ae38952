using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Blob;

namespace Courier.Domain.Destinations.Blob;

/// <summary>Copies to a blob container ("storage space") in this or another account.</summary>
public sealed class BlobDestination(TimeProvider timeProvider) : FileSystemDestination<BlobDestinationSettings>(timeProvider)
{
    public const string KindName = "blob";

    public override string Kind => KindName;

    protected override async Task<IRemoteFileSystem> ConnectAsync(BlobDestinationSettings settings, CancellationToken cancellationToken) =>
        await BlobFileSystem.ConnectAsync(settings.Connection, cancellationToken);
}
