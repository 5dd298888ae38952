using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Smb;
using Courier.Testing;

namespace Courier.Destinations.Tests;

public sealed class SmbFileSystemTests(SambaFixture smb) : RemoteFileSystemContract, IClassFixture<SambaFixture>
{
    protected override async Task<IRemoteFileSystem> ConnectAsync() => await SmbFileSystem.ConnectAsync(SmbConnections.Share(smb), default);

    protected override Task PlaceAsync(string path, byte[] content) => LocalPlacement.PlaceAsync(smb.RootDirectory, path, content);
}
