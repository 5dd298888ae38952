using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Sftp;
using Courier.Domain.Destinations;
using Courier.Domain.Destinations.Sftp;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>The file-system destination contract against a private OpenSSH sshd (key auth, pinned host key).</summary>
public sealed class SftpDestinationTests(SshFixture ssh) : FileSystemDestinationContract, IClassFixture<SshFixture>
{
    protected override IDestination Destination { get; } = new SftpDestination(TimeProvider.System);

    protected override FileSystemDestinationSettings Settings(string directory, OverwritePolicy overwrite, bool skipEmpty = false) =>
        new SftpDestinationSettings(SftpConnections.Key(ssh)) { Directory = directory, Overwrite = overwrite, SkipEmptyFile = skipEmpty };

    protected override FileSystemDestinationSettings DownSettings() =>
        new SftpDestinationSettings(new SftpSettings("127.0.0.1", ssh.UserName) { Port = FreePort.Next(), Password = new Secret(Canary) });

    protected override FileSystemDestinationSettings WrongPasswordSettings() =>
        new SftpDestinationSettings(SftpConnections.Password(ssh) with { Password = new Secret(Canary) });

    protected override Task<IReadOnlyDictionary<string, byte[]>> ReadDirectoryAsync(string directory) =>
        LocalDirectory.ReadAsync(ssh.RootDirectory, directory);
}
