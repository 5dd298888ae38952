using Courier.Domain.Connectors;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Sources.Files;

/// <summary>
/// Fetches a remote file (SFTP, FTP, SMB, blob: any <see cref="IRemoteFileSystem"/>) into the run's
/// folder, streaming it to disk. The file name may hold Unix wildcards (<c>*</c>, <c>?</c>,
/// <c>[seq]</c>): then the newest match, or all matches as several files.
/// </summary>
public sealed partial class RemoteFileSource
{
    /// <summary>A wildcard matching more files than this is a mistake, not a batch.</summary>
    public int MaxFiles { get; init; } = 1000;

    public async Task<IReadOnlyList<string>> FetchAsync(
        IRemoteFileSystem files, string path, RemoteFileSelection selection, string workingDirectory, SourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(context);
        var slash = path.LastIndexOf('/');
        var directory = slash < 0 ? "" : path[..slash];
        var name = path[(slash + 1)..];
        IReadOnlyList<RemoteFileInfo> chosen;
        if (name.AsSpan().IndexOfAny("*?[") < 0)
        {
            chosen = [new RemoteFileInfo(name, path, -1, null)];
        }
        else
        {
            var matches = await files.ListAsync(directory, name, cancellationToken);
            if (matches.Count == 0)
            {
                throw new SourceException($"No file on {files.Endpoint} matches '{path}'.");
            }
            if (selection == RemoteFileSelection.All && matches.Count > MaxFiles)
            {
                throw new SourceException($"{matches.Count} files on {files.Endpoint} match '{path}', more than the {MaxFiles} allowed.");
            }
            chosen = selection == RemoteFileSelection.All
                ? [.. matches.OrderBy(m => m.Name, StringComparer.Ordinal)]
                : [matches.OrderBy(m => m.Modified ?? DateTimeOffset.MinValue).ThenBy(m => m.Name, StringComparer.Ordinal).Last()];
            Matched(context.Log, matches.Count, path, chosen.Count);
        }

        Directory.CreateDirectory(workingDirectory);
        var fetched = new List<string>();
        foreach (var file in chosen)
        {
            var local = Path.Combine(workingDirectory, Path.GetFileName(file.Name));
            long bytes;
            await using (var target = new FileStream(local, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                bytes = await files.DownloadAsync(file.Path, target, cancellationToken);
            }
            Fetched(context.Log, file.Path, bytes);
            fetched.Add(local);
        }
        return fetched;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} files match {Pattern}; taking {Taken}")]
    private static partial void Matched(ILogger logger, int count, string pattern, int taken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Path} ({Bytes} bytes)")]
    private static partial void Fetched(ILogger logger, string path, long bytes);
}
