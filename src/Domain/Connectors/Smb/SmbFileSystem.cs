using System.Runtime.InteropServices;
using System.Text;

namespace Courier.Domain.Connectors.Smb;

/// <summary>An SMB share through libsmbclient; one context per connection, every native call serialized.</summary>
public sealed class SmbFileSystem : IRemoteFileSystem
{
    internal const int ChunkSize = 1024 * 1024;
    private const int ENOENT = 2;
    private const int EEXIST = 17;
    private readonly SmbContext _context;
    private readonly SmbSettings _settings;

    private SmbFileSystem(SmbSettings settings, SmbContext context)
    {
        _settings = settings;
        _context = context;
        Endpoint = EndpointOf(settings);
    }

    public RemoteEndpoint Endpoint { get; }

    /// <summary>Creates the context and checks the share answers with these credentials.</summary>
    public static async Task<SmbFileSystem> ConnectAsync(SmbSettings settings, CancellationToken cancellationToken)
    {
        var endpoint = EndpointOf(settings);
        SmbContext context;
        try
        {
            context = LibSmbClient.CreateContext(settings.Workgroup, settings.Username, settings.Password?.Reveal() ?? "", settings.Port);
        }
        catch (Exception e) when (e is IOException or DllNotFoundException or PlatformNotSupportedException)
        {
            throw new ConnectorException(endpoint, "connect", "", e.Message, e);
        }
        var fileSystem = new SmbFileSystem(settings, context);
        try
        {
            // Opening the share's directory authenticates: a wrong password or a down server fails here.
            await Task.Run(() => fileSystem.CloseDirectory(fileSystem.OpenDirectory("", "connect")), cancellationToken);
            return fileSystem;
        }
        catch
        {
            await fileSystem.DisposeAsync();
            throw;
        }
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken) =>
        await Task.Run(() => new SmbReadStream(_context, OpenFile(path, LibSmbClient.ORdOnly, "open")), cancellationToken);

    public async Task<long> DownloadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        await using var source = await OpenReadAsync(path, cancellationToken);
        var counter = new CountingStream(destination);
        try
        {
            await source.CopyToAsync(counter, ChunkSize, cancellationToken);
        }
        catch (IOException e)
        {
            throw new ConnectorException(Endpoint, "download", Display(path), e.Message, e);
        }
        return counter.BytesWritten;
    }

    public async Task<long> UploadAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        var file = await Task.Run(() => OpenFile(path, LibSmbClient.OWrOnly | LibSmbClient.OCreat | LibSmbClient.OTrunc, "upload"), cancellationToken);
        var buffer = new byte[ChunkSize];
        var native = Marshal.AllocHGlobal(ChunkSize);
        long total = 0;
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                Marshal.Copy(buffer, 0, native, read);
                var offset = 0;
                while (offset < read)
                {
                    nint written;
                    lock (LibSmbClient.Gate)
                    {
                        written = _context.Write(_context.Pointer, file, native + offset, (nuint)(read - offset));
                    }
                    if (written <= 0)
                    {
                        throw Failure("upload", path, Marshal.GetLastPInvokeError());
                    }
                    offset += (int)written;
                }
                total += read;
            }
        }
        finally
        {
            Marshal.FreeHGlobal(native);
            lock (LibSmbClient.Gate)
            {
                _context.Close(_context.Pointer, file);
            }
        }
        return total;
    }

    public Task<RemoteFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var stat = Stat(path, "stat");
            return stat is null || stat.Value.IsDirectory
                ? null
                : new RemoteFileInfo(RemotePath.FileNameOf(path), path, stat.Value.Size, stat.Value.Modified);
        }, cancellationToken);

    public Task RenameAsync(string source, string target, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            int result;
            int errno;
            lock (LibSmbClient.Gate)
            {
                result = _context.Rename(_context.Pointer, Url(source), _context.Pointer, Url(target));
                errno = Marshal.GetLastPInvokeError();
            }
            if (result < 0 && errno == EEXIST)
            {
                // SMB refuses to rename over an existing file: remove it, then rename.
                Unlink(target, "rename");
                lock (LibSmbClient.Gate)
                {
                    result = _context.Rename(_context.Pointer, Url(source), _context.Pointer, Url(target));
                    errno = Marshal.GetLastPInvokeError();
                }
            }
            if (result < 0)
            {
                throw Failure("rename", source, errno);
            }
        }, cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken) => Task.Run(() => Unlink(path, "delete"), cancellationToken);

    public Task CreateDirectoryAsync(string path, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            foreach (var directory in RemotePath.Ancestry(path))
            {
                int result;
                int errno;
                lock (LibSmbClient.Gate)
                {
                    result = _context.Mkdir(_context.Pointer, Url(directory), 0x1ED);
                    errno = Marshal.GetLastPInvokeError();
                }
                if (result < 0 && errno != EEXIST)
                {
                    throw Failure("create directory", directory, errno);
                }
            }
        }, cancellationToken);

    public Task<IReadOnlyList<RemoteFileInfo>> ListAsync(string directory, string pattern, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var regex = Wildcard.ToRegex(pattern);
            var names = new List<string>();
            var handle = OpenDirectory(directory, "list");
            try
            {
                while (true)
                {
                    IntPtr entry;
                    lock (LibSmbClient.Gate)
                    {
                        entry = _context.Readdir(_context.Pointer, handle);
                    }
                    if (entry == IntPtr.Zero)
                    {
                        break;
                    }
                    var (type, name) = LibSmbClient.ReadDirent(entry);
                    if (type == LibSmbClient.SmbcFile && regex.IsMatch(name))
                    {
                        names.Add(name);
                    }
                }
            }
            finally
            {
                CloseDirectory(handle);
            }
            var files = new List<RemoteFileInfo>();
            foreach (var name in names)
            {
                var path = RemotePath.Combine(directory, name);
                if (Stat(path, "list") is { IsDirectory: false } stat)
                {
                    files.Add(new RemoteFileInfo(name, path, stat.Size, stat.Modified));
                }
            }
            return (IReadOnlyList<RemoteFileInfo>)files;
        }, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _context.Dispose();
        return ValueTask.CompletedTask;
    }

    private static RemoteEndpoint EndpointOf(SmbSettings settings) => new("smb", settings.Host, settings.Port);

    private IntPtr OpenFile(string path, int flags, string operation)
    {
        IntPtr file;
        int errno;
        lock (LibSmbClient.Gate)
        {
            file = _context.Open(_context.Pointer, Url(path), flags, 0x1A4);
            errno = Marshal.GetLastPInvokeError();
        }
        return file == IntPtr.Zero ? throw Failure(operation, path, errno) : file;
    }

    private IntPtr OpenDirectory(string path, string operation)
    {
        IntPtr handle;
        int errno;
        lock (LibSmbClient.Gate)
        {
            handle = _context.Opendir(_context.Pointer, Url(path));
            errno = Marshal.GetLastPInvokeError();
        }
        return handle == IntPtr.Zero ? throw Failure(operation, path, errno) : handle;
    }

    private void CloseDirectory(IntPtr handle)
    {
        lock (LibSmbClient.Gate)
        {
            _context.Closedir(_context.Pointer, handle);
        }
    }

    private (bool IsDirectory, long Size, DateTimeOffset Modified)? Stat(string path, string operation)
    {
        var buffer = Marshal.AllocHGlobal(LibSmbClient.StatSize);
        try
        {
            int result;
            int errno;
            lock (LibSmbClient.Gate)
            {
                result = _context.Stat(_context.Pointer, Url(path), buffer);
                errno = Marshal.GetLastPInvokeError();
            }
            if (result < 0)
            {
                return errno == ENOENT ? null : throw Failure(operation, path, errno);
            }
            return LibSmbClient.ReadStat(buffer);
        }
        finally
        {
            Marshal.FreeHGlobal(buffer);
        }
    }

    private void Unlink(string path, string operation)
    {
        int result;
        int errno;
        lock (LibSmbClient.Gate)
        {
            result = _context.Unlink(_context.Pointer, Url(path));
            errno = Marshal.GetLastPInvokeError();
        }
        if (result < 0 && errno != ENOENT)
        {
            throw Failure(operation, path, errno);
        }
    }

    private string Display(string path) => $"/{_settings.Share}/{Resolve(path)}";

    private string Resolve(string path) =>
        (path.StartsWith('/') ? path : RemotePath.Combine(_settings.RootDirectory, path)).Trim('/');

    /// <summary>smb://host:port/share/dir/file with each segment escaped (libsmbclient decodes %XX).</summary>
    private string Url(string path)
    {
        var builder = new StringBuilder("smb://").Append(_settings.Host).Append(':').Append(_settings.Port).Append('/').Append(Uri.EscapeDataString(_settings.Share));
        foreach (var segment in Resolve(path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append('/').Append(Uri.EscapeDataString(segment));
        }
        return builder.ToString();
    }

    private ConnectorException Failure(string operation, string path, int errno)
    {
        var reason = errno switch
        {
            1 or 13 => $"access denied for '{_settings.Username}' (wrong password or no permission)",
            2 => "no such file or directory",
            17 => "the file already exists",
            111 => "cannot connect (connection refused)",
            110 => "cannot connect (timed out)",
            _ => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})",
        };
        return new ConnectorException(Endpoint, operation, Display(path), reason);
    }
}
