using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Smb;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Smb;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>The file-system destination contract against a private smbd (libsmbclient).</summary>
public sealed class SmbDestinationTests(SambaFixture smb) : FileSystemDestinationContract, IClassFixture<SambaFixture>
{
    protected override IDestination Destination { get; } = new SmbDestination(TimeProvider.System);

    protected override FileSystemDestinationSettings Settings(string directory, OverwritePolicy overwrite, bool skipEmpty = false) =>
        new SmbDestinationSettings(SmbConnections.Share(smb)) { Directory = directory, Overwrite = overwrite, SkipEmptyFile = skipEmpty };

    protected override FileSystemDestinationSettings DownSettings() =>
        new SmbDestinationSettings(SmbConnections.Share(smb) with { Port = FreePort.Next(), Password = new Secret(Canary) });

    protected override FileSystemDestinationSettings WrongPasswordSettings() =>
        new SmbDestinationSettings(SmbConnections.Share(smb) with { Password = new Secret(Canary) });

    protected override Task<IReadOnlyDictionary<string, byte[]>> ReadDirectoryAsync(string directory) =>
        LocalDirectory.ReadAsync(smb.RootDirectory, directory);
}
