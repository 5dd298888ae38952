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

    [Fact]
    public async Task Delivers_with_a_passphrase_protected_private_key()
    {
        var directory = Unique("pass");
        var settings = new SftpDestinationSettings(SftpConnections.Key(ssh) with
        {
            PrivateKey = new Secret(ssh.ProtectedKeyPem),
            PrivateKeyPassphrase = new Secret(ssh.KeyPassphrase),
        })
        { Directory = directory };

        var receipt = await Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("keyed.csv", "a\n1\n"), settings), default);

        Assert.Equal(DeliveryOutcome.Delivered, receipt.Outcome);
        Assert.Equal(["keyed.csv"], (await ReadDirectoryAsync(directory)).Keys);
    }

    [Fact]
    public async Task A_wrong_key_passphrase_fails_clearly_without_showing_it()
    {
        var settings = new SftpDestinationSettings(SftpConnections.Key(ssh) with
        {
            PrivateKey = new Secret(ssh.ProtectedKeyPem),
            PrivateKeyPassphrase = new Secret(Canary),
        })
        { Name = "Keyed partner", Directory = Unique("badpass") };

        var error = await Assert.ThrowsAsync<DeliveryException>(() => Destination.DeliverAsync(TestFiles.Request(TestFiles.FromText("keyed.csv", "a"), settings), default));

        Assert.Contains("Keyed partner", error.Message, StringComparison.Ordinal);
        Assert.Contains("private key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.ToString(), StringComparison.Ordinal);
    }

    protected override Task<IReadOnlyDictionary<string, byte[]>> ReadDirectoryAsync(string directory) =>
        LocalDirectory.ReadAsync(ssh.RootDirectory, directory);
}
