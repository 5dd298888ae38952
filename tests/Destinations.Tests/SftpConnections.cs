using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Sftp;
using Courier.Testing;

namespace Courier.Destinations.Tests;

/// <summary>SFTP settings for the sshd fixture.</summary>
internal static class SftpConnections
{
    public static SftpSettings Key(SshFixture ssh) =>
        new(ssh.Host, ssh.UserName)
        {
            Port = ssh.Port,
            PrivateKey = new Secret(ssh.PrivateKeyPem),
            HostKeySha256 = ssh.HostKeySha256Fingerprint,
        };

    public static SftpSettings Password(SshFixture ssh) =>
        new(ssh.Host, ssh.UserName)
        {
            Port = ssh.Port,
            Password = new Secret(ssh.Password),
            HostKeySha256 = ssh.HostKeySha256Fingerprint,
        };
}
