namespace Courier.Domain.Connectors;

/// <summary>
/// One remote file system (SFTP, FTP/FTPS, SMB, Blob, HTTP) seen the same way by destinations,
/// remote-file sources and query locations. Paths are '/'-separated and relative to the
/// connection's root unless they start with '/'. Every operation streams; none buffers a file.
/// </summary>
public interface IRemoteFileSystem : IAsyncDisposable
{
    /// <summary>What this is, for error messages: kind and host (never credentials).</summary>
    RemoteEndpoint Endpoint { get; }

    /// <summary>
    /// True when an upload becomes visible only once complete (a committed block blob), so writers need
    /// no temporary name; false for file servers, where a half-written file is visible.
    /// </summary>
    bool UploadsAtomically => false;

    /// <summary>Opens the file for reading; the caller disposes the stream.</summary>
    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>Copies the whole file into <paramref name="destination"/> (pipelined where the protocol allows); returns the bytes copied.</summary>
    Task<long> DownloadAsync(string path, Stream destination, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>, replacing any file there.</summary>
    Task<long> UploadAsync(string path, Stream content, CancellationToken cancellationToken);

    /// <summary>The file's size and time, or null when nothing exists at <paramref name="path"/>.</summary>
    Task<RemoteFileInfo?> GetInfoAsync(string path, CancellationToken cancellationToken);

    /// <summary>Renames <paramref name="source"/> to <paramref name="target"/>, replacing <paramref name="target"/> if it exists.</summary>
    Task RenameAsync(string source, string target, CancellationToken cancellationToken);

    /// <summary>Deletes the file; a missing file is not an error.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>Creates the directory and any missing parents.</summary>
    Task CreateDirectoryAsync(string path, CancellationToken cancellationToken);

    /// <summary>Files (not directories) in <paramref name="directory"/> whose names match the Unix wildcard <paramref name="pattern"/>.</summary>
    Task<IReadOnlyList<RemoteFileInfo>> ListAsync(string directory, string pattern, CancellationToken cancellationToken);
}
