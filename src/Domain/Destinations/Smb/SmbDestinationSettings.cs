using Courier.Domain.Connectors.Smb;

namespace Courier.Domain.Destinations.Smb;

/// <summary>An SMB destination: the share plus directory and overwrite policy.</summary>
public sealed record SmbDestinationSettings(SmbSettings Connection) : FileSystemDestinationSettings
{
    public override string Kind => SmbDestination.KindName;
}
