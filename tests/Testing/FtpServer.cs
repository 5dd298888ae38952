namespace Courier.Testing;

/// <summary>
/// vsftpd 3 on a free port with its own passive port range, serving plain FTP and explicit FTPS
/// (AUTH TLS with a self-signed certificate; TLS is allowed, not forced) to the test user, whose
/// session starts in <see cref="RootDirectory"/> (reference/local-servers.md §3).
/// </summary>
public sealed class FtpServer : IAsyncDisposable
{
    private const int PassivePortCount = 20;
    private readonly ServerProcess _process;

    private FtpServer(ServerProcess process, int port, string rootDirectory, string certificatePath)
    {
        _process = process;
        Port = port;
        RootDirectory = rootDirectory;
        CertificatePath = certificatePath;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public string UserName { get; } = TestUser.Name;

    public string Password { get; } = TestUser.Password;

    /// <summary>Where the FTP session starts: a local folder the test user owns.</summary>
    public string RootDirectory { get; }

    /// <summary>The server's self-signed certificate (PEM), for tests that pin it.</summary>
    public string CertificatePath { get; }

    public ServerProcess Process => _process;

    public static Task<FtpServer> StartAsync() => StartAsync(FreePort.Next());

    public static async Task<FtpServer> StartAsync(int port)
    {
        await TestUser.EnsureAsync();
        var directory = ServerDirectory.Create("vsftpd");
        try
        {
            var root = await ServerDirectory.CreateOwnedByAsync(directory, "root", TestUser.Name);
            // vsftpd refuses a secure_chroot_dir that anyone but root can write to.
            var empty = Path.Combine(directory, "empty");
            Directory.CreateDirectory(empty);
            var certificate = Path.Combine(directory, "cert.pem");
            var key = Path.Combine(directory, "key.pem");
            await Tool.RunAsync("openssl", "openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
            ]);
            var passive = FreePort.NextRange(PassivePortCount);

            var config = Path.Combine(directory, "vsftpd.conf");
            await File.WriteAllLinesAsync(config,
            [
                "listen=YES",
                "listen_ipv6=NO",
                "listen_address=127.0.0.1",
                $"listen_port={port}",
                "background=NO",
                "anonymous_enable=NO",
                "local_enable=YES",
                "write_enable=YES",
                "local_umask=022",
                $"local_root={root}",
                "pam_service_name=vsftpd",
                "userlist_enable=NO",
                "pasv_enable=YES",
                "pasv_address=127.0.0.1",
                $"pasv_min_port={passive}",
                $"pasv_max_port={passive + PassivePortCount - 1}",
                "port_enable=YES",
                $"secure_chroot_dir={empty}",
                // The seccomp sandbox and namespace isolation break under containers and with TLS.
                "seccomp_sandbox=NO",
                "isolate=NO",
                "isolate_network=NO",
                "ssl_enable=YES",
                "allow_anon_ssl=NO",
                "force_local_data_ssl=NO",
                "force_local_logins_ssl=NO",
                "require_ssl_reuse=NO",
                "ssl_ciphers=HIGH",
                $"rsa_cert_file={certificate}",
                $"rsa_private_key_file={key}",
                "xferlog_enable=YES",
                $"vsftpd_log_file={Path.Combine(directory, "vsftpd.log")}",
                "log_ftp_protocol=YES",
                "max_clients=200",
                "max_per_ip=200",
            ]);

            var process = await ServerProcess.StartAsync(
                "vsftpd",
                // vsftpd writes its fatal "500 OOPS" to fd 0 (the control connection under inetd),
                // so point fd 0 at the captured stdout; exec keeps the PID vsftpd's own.
                "/bin/sh",
                ["-c", "exec /usr/sbin/vsftpd \"$0\" 0>&1", config],
                ct => Probe.GreetsWithAsync(port, "220", ct),
                TimeSpan.FromSeconds(60),
                workingDirectory: directory,
                ownedDirectory: directory);
            return new FtpServer(process, port, root, certificate);
        }
        catch (Exception e) when (e is not ServerStartException)
        {
            ServerDirectory.Delete(directory);
            throw new ServerStartException($"vsftpd could not be prepared: {e.Message}", e);
        }
        catch
        {
            ServerDirectory.Delete(directory);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
