using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Sftp;
using Courier.Testing;

namespace Courier.Destinations.Tests;

public sealed class SftpFileSystemTests(SshFixture ssh) : RemoteFileSystemContract, IClassFixture<SshFixture>
{
    protected override async Task<IRemoteFileSystem> ConnectAsync() => await SftpFileSystem.ConnectAsync(SftpConnections.Password(ssh), default);

    protected override Task PlaceAsync(string path, byte[] content) => LocalPlacement.PlaceAsync(ssh.RootDirectory, path, content);
}
