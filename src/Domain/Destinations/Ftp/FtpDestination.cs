using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Ftp;

namespace Courier.Domain.Destinations.Ftp;

/// <summary>Uploads over FTP or explicit FTPS (our own client: passive, binary, TLS data channel).</summary>
public sealed class FtpDestination(TimeProvider timeProvider) : FileSystemDestination<FtpDestinationSettings>(timeProvider)
{
    public const string KindName = "ftp";

    public override string Kind => KindName;

    protected override async Task<IRemoteFileSystem> ConnectAsync(FtpDestinationSettings settings, CancellationToken cancellationToken) =>
        await FtpFileSystem.ConnectAsync(settings.Connection, cancellationToken);
}
