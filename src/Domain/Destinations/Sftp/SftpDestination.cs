using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Sftp;

namespace Courier.Domain.Destinations.Sftp;

/// <summary>Uploads to an SFTP server (SSH.NET).</summary>
public sealed class SftpDestination(TimeProvider timeProvider) : FileSystemDestination<SftpDestinationSettings>(timeProvider)
{
    public const string KindName = "sftp";

    public override string Kind => KindName;

    protected override async Task<IRemoteFileSystem> ConnectAsync(SftpDestinationSettings settings, CancellationToken cancellationToken) =>
        await SftpFileSystem.ConnectAsync(settings.Connection, cancellationToken);
}
