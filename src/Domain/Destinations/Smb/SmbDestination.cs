using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Smb;

namespace Courier.Domain.Destinations.Smb;

/// <summary>Copies to an SMB share (libsmbclient).</summary>
public sealed class SmbDestination(TimeProvider timeProvider) : FileSystemDestination<SmbDestinationSettings>(timeProvider)
{
    public const string KindName = "smb";

    public override string Kind => KindName;

    protected override async Task<IRemoteFileSystem> ConnectAsync(SmbDestinationSettings settings, CancellationToken cancellationToken) =>
        await SmbFileSystem.ConnectAsync(settings.Connection, cancellationToken);
}
