using System.Text;
using Courier.Testing;
using Renci.SshNet;

namespace Courier.Servers.Tests;

public sealed class SshSmokeTests(SshFixture ssh) : IClassFixture<SshFixture>
{
    [Fact]
    public async Task A_file_uploaded_over_SFTP_with_the_key_lands_in_the_root_directory()
    {
        var info = new ConnectionInfo(ssh.Host, ssh.Port, ssh.UserName,
            new PrivateKeyAuthenticationMethod(ssh.UserName, new PrivateKeyFile(ssh.PrivateKeyPath)));
        using var client = new SftpClient(info);
        string? seenFingerprint = null;
        client.HostKeyReceived += (_, e) =>
        {
            seenFingerprint = e.FingerPrintSHA256;
            e.CanTrust = e.FingerPrintSHA256 == ssh.HostKeySha256Fingerprint;
        };
        await client.ConnectAsync(CancellationToken.None);

        var name = UniqueName.For("upload") + ".txt";
        using (var content = new MemoryStream(Encoding.UTF8.GetBytes("hello over sftp")))
        {
            await client.UploadFileAsync(content, name);
        }

        Assert.Equal(ssh.HostKeySha256Fingerprint, seenFingerprint);
        Assert.Equal("hello over sftp", await File.ReadAllTextAsync(Path.Combine(ssh.RootDirectory, name)));
    }

    [Fact]
    public async Task The_user_can_log_in_with_the_password_and_run_a_command()
    {
        using var client = new SshClient(ssh.Host, ssh.Port, ssh.UserName, ssh.Password);
        await client.ConnectAsync(CancellationToken.None);

        using var command = client.RunCommand("whoami");

        Assert.Equal(0, command.ExitStatus);
        Assert.Equal(ssh.UserName, command.Result.Trim());
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        using var client = new SshClient(ssh.Host, ssh.Port, ssh.UserName, ssh.Password + "x");

        await Assert.ThrowsAsync<Renci.SshNet.Common.SshAuthenticationException>(() => client.ConnectAsync(CancellationToken.None));
    }
}
