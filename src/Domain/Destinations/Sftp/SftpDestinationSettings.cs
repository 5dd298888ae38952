using Courier.Domain.Connectors.Sftp;

namespace Courier.Domain.Destinations.Sftp;

/// <summary>An SFTP destination: the connection plus directory and overwrite policy.</summary>
public sealed record SftpDestinationSettings(SftpSettings Connection) : FileSystemDestinationSettings
{
    public override string Kind => SftpDestination.KindName;
}
