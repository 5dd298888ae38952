using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Sftp;

namespace Courier.Domain.Connectors.Sftp;

/// <summary>SFTP through SSH.NET: key or password auth, host-key pinning, pipelined transfers (uploads: <see cref="SftpUpload"/>).</summary>
public sealed class SftpFileSystem : IRemoteFileSystem
{
    private readonly SftpClient _client;
    private readonly SftpSettings _settings;
    private readonly PrivateKeyFile? _keyFile;

    private SftpFileSystem(SftpSettings settings, SftpClient client, PrivateKeyFile? keyFile)
    {
        _settings = settings;
        _client = client;
        _keyFile = keyFile;
        Endpoint = new RemoteEndpoint("sftp", settings.Host, settings.Port);
    }

    public RemoteEndpoint Endpoint { get; }

    /// <summary>The cipher negotiated for this session (client to server), for benchmarks and diagnostics.</summary>
    public string Cipher => _client.ConnectionInfo.CurrentClientEncryption ?? "";

    /// <summary>Connects and authenticates; errors name the host and what failed, never the credentials.</summary>
    public static async Task<SftpFileSystem> ConnectAsync(SftpSettings settings, CancellationToken cancellationToken)
    {
        var endpoint = new RemoteEndpoint("sftp", settings.Host, settings.Port);
        PrivateKeyFile? keyFile = null;
        var methods = new List<AuthenticationMethod>();
        try
        {
            if (settings.PrivateKey is not null)
            {
                using var keyStream = new MemoryStream(Encoding.UTF8.GetBytes(settings.PrivateKey.Reveal()));
                keyFile = settings.PrivateKeyPassphrase is null
                    ? new PrivateKeyFile(keyStream)
                    : new PrivateKeyFile(keyStream, settings.PrivateKeyPassphrase.Reveal());
                methods.Add(new PrivateKeyAuthenticationMethod(settings.Username, keyFile));
            }
        }
        catch (SshException e)
        {
            // SSH.NET's key-parsing messages describe the format problem, not the key material.
            throw new ConnectorException(endpoint, "load private key", "", $"the private key could not be read ({e.Message})");
        }
        if (settings.Password is not null)
        {
            methods.Add(new PasswordAuthenticationMethod(settings.Username, settings.Password.Reveal()));
        }
        if (methods.Count == 0)
        {
            throw new ConnectorException(endpoint, "connect", "", "no password or private key is configured");
        }

        var info = new ConnectionInfo(settings.Host, settings.Port, settings.Username, [.. methods])
        {
            Timeout = settings.ConnectTimeout,
        };
        // AES-GCM first: .NET's AesGcm runs on AES-NI and needs no separate MAC, where SSH.NET's default
        // (aes128-ctr + hmac-sha2-256) makes two passes over every byte. Servers without GCM fall back to the rest.
        foreach (var (cipher, position) in new[] { ("aes128-gcm@openssh.com", 0), ("aes256-gcm@openssh.com", 1) })
        {
            if (info.Encryptions.ContainsKey(cipher))
            {
                info.Encryptions.SetPosition(cipher, position);
            }
        }
        var client = new SftpClient(info)
        {
            // 64 KB requests (SSH.NET pipelines several): beside sftp on this machine, 32 KB and 256 KB were slower.
            BufferSize = 64 * 1024,
            OperationTimeout = TimeSpan.FromMinutes(2),
        };
        string? presentedFingerprint = null;
        var expected = settings.HostKeySha256?.Replace("SHA256:", "", StringComparison.Ordinal).TrimEnd('=');
        client.HostKeyReceived += (_, e) =>
        {
            presentedFingerprint = e.FingerPrintSHA256;
            e.CanTrust = expected is null || string.Equals(e.FingerPrintSHA256.TrimEnd('='), expected, StringComparison.Ordinal);
        };
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is SshException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            client.Dispose();
            keyFile?.Dispose();
            var reason = e switch
            {
                SshConnectionException when expected is not null && presentedFingerprint is not null
                    && !string.Equals(presentedFingerprint.TrimEnd('='), expected, StringComparison.Ordinal) =>
                    $"the host key SHA256:{presentedFingerprint} does not match the pinned fingerprint",
                SshAuthenticationException => $"authentication as '{settings.Username}' was refused",
                System.Net.Sockets.SocketException s => $"cannot connect ({s.SocketErrorCode})",
                _ => e.Message,
            };
            throw new ConnectorException(endpoint, "connect", "", reason, e);
        }
        return new SftpFileSystem(settings, client, keyFile);
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken) =>
        Run("open", path, async () => (Stream)await _client.OpenAsync(Resolve(path), FileMode.Open, FileAccess.Read, cancellationToken));

    public Task<long> DownloadAsync(string path, Stream destination, CancellationToken cancellationToken) =>
        Run("download", path, async () =>
        {
            var counter = new CountingStream(destination);
            await _client.DownloadFileAsync(Resolve(path), counter, cancellationToken);
            return counter.BytesWritten;
        });

    public Task<long> UploadAsync(string path, Stream content, CancellationToken cancellationToken) =>
        Run("upload", path, () => SftpUpload.RunAsync(_client, content, Resolve(path), cancellationToken));

    public Task<RemoteFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken) =>
        Run("stat", path, async () =>
        {
            try
            {
                var attributes = await _client.GetAttributesAsync(Resolve(path), cancellationToken);
                return attributes.IsDirectory
                    ? null
                    : new RemoteFileInfo(RemotePath.FileNameOf(path), path, attributes.Size, new DateTimeOffset(attributes.LastWriteTimeUtc, TimeSpan.Zero));
            }
            catch (SftpPathNotFoundException)
            {
                return null;
            }
        });

    public Task RenameAsync(string source, string target, CancellationToken cancellationToken) =>
        Run("rename", source, () =>
        {
            // posix-rename@openssh.com replaces the target atomically; plain SFTP rename refuses an existing one.
            _client.RenameFile(Resolve(source), Resolve(target), isPosix: true);
            return Task.FromResult(true);
        });

    public Task DeleteAsync(string path, CancellationToken cancellationToken) =>
        Run("delete", path, async () =>
        {
            try
            {
                await _client.DeleteFileAsync(Resolve(path), cancellationToken);
            }
            catch (SftpPathNotFoundException)
            {
                // Already gone: deleting is idempotent.
            }
            return true;
        });

    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) =>
        Run("create directory", path, async () =>
        {
            foreach (var directory in RemotePath.Ancestry(Resolve(path)))
            {
                if (!await _client.ExistsAsync(directory, cancellationToken))
                {
                    try
                    {
                        await _client.CreateDirectoryAsync(directory, cancellationToken);
                    }
                    catch (SshException)
                    {
                        // Another delivery of the same run may have created it in between (SFTP answers a bare "Failure").
                        if (!await _client.ExistsAsync(directory, cancellationToken))
                        {
                            throw;
                        }
                    }
                }
            }
            return true;
        });

    public Task<IReadOnlyList<RemoteFileInfo>> ListAsync(string directory, string pattern, CancellationToken cancellationToken) =>
        Run("list", directory, async () =>
        {
            var regex = Wildcard.ToRegex(pattern);
            var files = new List<RemoteFileInfo>();
            await foreach (var entry in _client.ListDirectoryAsync(Resolve(directory), cancellationToken))
            {
                if (entry.IsRegularFile && regex.IsMatch(entry.Name))
                {
                    files.Add(new RemoteFileInfo(entry.Name, RemotePath.Combine(directory, entry.Name), entry.Length,
                        new DateTimeOffset(entry.LastWriteTimeUtc, TimeSpan.Zero)));
                }
            }
            return (IReadOnlyList<RemoteFileInfo>)files;
        });

    public ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            _client.Disconnect();
        }
        _client.Dispose();
        _keyFile?.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Resolve(string path) =>
        path.StartsWith('/') || _settings.RootDirectory.Length == 0 ? path : RemotePath.Combine(_settings.RootDirectory, path);

    private async Task<T> Run<T>(string operation, string path, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is SshException or System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            var reason = e switch
            {
                SftpPermissionDeniedException => "permission denied",
                SftpPathNotFoundException => "no such file or directory",
                _ => e.Message,
            };
            throw new ConnectorException(Endpoint, operation, Resolve(path), reason, e);
        }
    }
}
