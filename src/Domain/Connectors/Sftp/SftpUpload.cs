using Renci.SshNet;

namespace Courier.Domain.Connectors.Sftp;

/// <summary>
/// One SFTP upload on a thread of its own. SSH.NET (2026.0.0) sends write requests without waiting for each
/// acknowledgement in both UploadFile and UploadFileAsync, but either way the sending thread blocks inside
/// SSH.NET whenever the server's channel window is full, which on a slow link is most of the transfer:
/// UploadFileAsync would hold a thread-pool thread that long, so the synchronous UploadFile runs here on a
/// dedicated thread instead. A remote source (Blob Storage) is read ahead on a background task so it keeps
/// fetching while the thread sends. Cancellation wakes a thread waiting for such a source through the read-ahead,
/// and disconnects the client, the one way to wake a thread blocked on the server (a thread busy with a local
/// source stops at its next write); the connection is unusable afterwards (its owner disposes it anyway).
/// </summary>
internal static class SftpUpload
{
    /// <summary>Two Blob Storage ranges (4 MB each by default) in hand while sending: the next one downloads as this one goes out.</summary>
    private const int ReadAheadBytes = 8 * 1024 * 1024;

    /// <summary>Uploads <paramref name="content"/> to <paramref name="path"/> (replacing it); returns the bytes sent.</summary>
    public static async Task<long> RunAsync(SftpClient client, Stream content, string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // A local file or memory never keeps the sender waiting: reading it ahead would only add a copy of every byte.
        await using var ahead = content is FileStream or MemoryStream ? null : ReadAhead.Start(content, ReadAheadBytes, cancellationToken);
        var counter = new CountingReadStream(ahead?.Stream ?? content);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                client.UploadFile(counter, path, canOverride: true);
                finished.SetResult();
            }
            catch (Exception e)
            {
                finished.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "Courier SFTP upload",
        };
        await using (cancellationToken.Register(client.Disconnect))
        {
            thread.Start();
            try
            {
                await finished.Task;
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Whatever the disconnected client or the woken read threw, the cause is the cancellation.
                throw new OperationCanceledException("The upload was cancelled.", cancellationToken);
            }
        }
        return counter.BytesRead;
    }
}
