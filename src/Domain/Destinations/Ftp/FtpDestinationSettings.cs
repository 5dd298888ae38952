using Courier.Domain.Connectors.Ftp;

namespace Courier.Domain.Destinations.Ftp;

/// <summary>An FTP or explicit-FTPS destination: the connection plus directory and overwrite policy.</summary>
public sealed record FtpDestinationSettings(FtpSettings Connection) : FileSystemDestinationSettings
{
    public override string Kind => FtpDestination.KindName;
}
