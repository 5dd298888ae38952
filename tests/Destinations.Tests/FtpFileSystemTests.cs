using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Ftp;
using Courier.Testing;

namespace Courier.Destinations.Tests;

public sealed class FtpFileSystemTests(FtpFixture ftp) : RemoteFileSystemContract, IClassFixture<FtpFixture>
{
    protected override async Task<IRemoteFileSystem> ConnectAsync() => await FtpFileSystem.ConnectAsync(FtpConnections.Tls(ftp), default);

    protected override Task PlaceAsync(string path, byte[] content) => LocalPlacement.PlaceAsync(ftp.RootDirectory, path, content);
}
