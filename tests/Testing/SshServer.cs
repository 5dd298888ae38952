using System.Security.Cryptography;

namespace Courier.Testing;

/// <summary>
/// A private OpenSSH sshd on a free port with its own ed25519 host key and config
/// (reference/local-servers.md §2). The test user logs in with a key or a password; SFTP sessions
/// start in <see cref="RootDirectory"/>, so relative paths land there and tests read them from disk.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private const string KeyPassphraseText = "courier-key-passphrase";
    private readonly ServerProcess _process;

    private SshServer(ServerProcess process, int port, string directory, string rootDirectory, string fingerprint)
    {
        _process = process;
        Port = port;
        PrivateKeyPath = Path.Combine(directory, "client_key");
        ProtectedKeyPath = Path.Combine(directory, "protected_key");
        RootDirectory = rootDirectory;
        HostKeySha256Fingerprint = fingerprint;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public string UserName { get; } = TestUser.Name;

    public string Password { get; } = TestUser.Password;

    /// <summary>The test user's OpenSSH-format ed25519 private key (no passphrase).</summary>
    public string PrivateKeyPath { get; }

    public string PrivateKeyPem => File.ReadAllText(PrivateKeyPath);

    /// <summary>A second authorized key of the test user, encrypted with <see cref="KeyPassphrase"/>.</summary>
    public string ProtectedKeyPath { get; }

    public string ProtectedKeyPem => File.ReadAllText(ProtectedKeyPath);

    public string KeyPassphrase { get; } = KeyPassphraseText;

    /// <summary>The host key's SHA-256 fingerprint in base64 without padding or "SHA256:", as SSH.NET's FingerPrintSHA256 gives it.</summary>
    public string HostKeySha256Fingerprint { get; }

    /// <summary>Where SFTP sessions start: a local folder the test user owns.</summary>
    public string RootDirectory { get; }

    public ServerProcess Process => _process;

    public static Task<SshServer> StartAsync() => StartAsync(FreePort.Next());

    public static async Task<SshServer> StartAsync(int port)
    {
        await TestUser.EnsureAsync();
        // sshd insists on its privilege-separation folder.
        Directory.CreateDirectory("/run/sshd");
        var directory = ServerDirectory.Create("sshd");
        try
        {
            var root = await ServerDirectory.CreateOwnedByAsync(directory, "root", TestUser.Name);
            var hostKey = Path.Combine(directory, "host_key");
            var clientKey = Path.Combine(directory, "client_key");
            await Tool.RunAsync("ssh-keygen", "ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "courier-host", "-f", hostKey]);
            await Tool.RunAsync("ssh-keygen", "ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "courier-test", "-f", clientKey]);
            var protectedKey = Path.Combine(directory, "protected_key");
            await Tool.RunAsync("ssh-keygen", "ssh-keygen", ["-q", "-t", "ed25519", "-N", KeyPassphraseText, "-C", "courier-protected", "-f", protectedKey]);
            var authorizedKeys = Path.Combine(directory, "authorized_keys");
            await File.WriteAllTextAsync(authorizedKeys, await File.ReadAllTextAsync(clientKey + ".pub") + await File.ReadAllTextAsync(protectedKey + ".pub"));
            ServerDirectory.MakeReadable(authorizedKeys);

            var config = Path.Combine(directory, "sshd_config");
            await File.WriteAllLinesAsync(config,
            [
                $"Port {port}",
                "ListenAddress 127.0.0.1",
                $"HostKey {hostKey}",
                $"PidFile {Path.Combine(directory, "sshd.pid")}",
                $"AuthorizedKeysFile {authorizedKeys}",
                $"AllowUsers {TestUser.Name}",
                "PermitRootLogin no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication yes",
                "KbdInteractiveAuthentication no",
                // Without PAM, sshd checks the password against /etc/shadow itself.
                "UsePAM no",
                // The key files live in a root-owned scratch folder.
                "StrictModes no",
                "UseDNS no",
                "PrintMotd no",
                "MaxStartups 100",
                "MaxSessions 100",
                "LogLevel VERBOSE",
                $"Subsystem sftp internal-sftp -d {root}",
            ]);

            var process = await ServerProcess.StartAsync(
                "sshd",
                "/usr/sbin/sshd",
                ["-D", "-e", "-f", config],
                ct => Probe.GreetsWithAsync(port, "SSH-", ct),
                TimeSpan.FromSeconds(60),
                workingDirectory: directory,
                ownedDirectory: directory);
            return new SshServer(process, port, directory, root, Fingerprint(hostKey + ".pub"));
        }
        catch (Exception e) when (e is not ServerStartException)
        {
            ServerDirectory.Delete(directory);
            throw new ServerStartException($"sshd could not be prepared: {e.Message}", e);
        }
        catch
        {
            ServerDirectory.Delete(directory);
            throw;
        }
    }

    private static string Fingerprint(string publicKeyPath)
    {
        var blob = Convert.FromBase64String(File.ReadAllText(publicKeyPath).Split(' ')[1]);
        return Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
