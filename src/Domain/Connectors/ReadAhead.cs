using System.IO.Pipelines;

namespace Courier.Domain.Connectors;

/// <summary>
/// Reads a source ahead of its consumer, up to a bound, on a background task. A Blob Storage stream fetches
/// its next range only when asked, so without this an upload stops sending while each range downloads.
/// <see cref="Stream"/> is the consumer's side; its synchronous Read blocks, so it is for a consumer on its
/// own thread (the SFTP upload). Cancelling the token stops the reading ahead, and the consumer's Read, blocked
/// or next, throws OperationCanceledException.
/// </summary>
internal sealed class ReadAhead : IAsyncDisposable
{
    /// <summary>Each read asks the source for this much: Blob Storage streams hand out at most one buffered range.</summary>
    private const int ChunkBytes = 256 * 1024;

    private readonly Pipe _pipe;
    private readonly CancellationTokenSource _stop;
    private readonly Task _filling;

    private ReadAhead(Stream source, int aheadBytes, CancellationToken cancellationToken)
    {
        _pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: aheadBytes,
            resumeWriterThreshold: aheadBytes / 2,
            minimumSegmentSize: ChunkBytes,
            useSynchronizationContext: false));
        Stream = _pipe.Reader.AsStream();
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Off the caller's thread: a source that completes synchronously would otherwise fill the pipe before Start returns.
        _filling = Task.Run(() => FillAsync(source, _stop.Token), CancellationToken.None);
    }

    /// <summary>What the consumer reads: the source's bytes, in order.</summary>
    public Stream Stream { get; }

    /// <summary>Starts reading <paramref name="source"/>, keeping at most about <paramref name="aheadBytes"/> unread.</summary>
    public static ReadAhead Start(Stream source, int aheadBytes, CancellationToken cancellationToken) =>
        new(source, aheadBytes, cancellationToken);

    private async Task FillAsync(Stream source, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var read = await source.ReadAsync(_pipe.Writer.GetMemory(ChunkBytes), cancellationToken);
                if (read == 0)
                {
                    break;
                }
                _pipe.Writer.Advance(read);
                var flushed = await _pipe.Writer.FlushAsync(cancellationToken);
                if (flushed.IsCompleted)
                {
                    // The consumer stopped reading: nothing more is wanted.
                    break;
                }
            }
        }
        catch (Exception e)
        {
            // Handed to the consumer, whose next Read throws it.
            failure = e;
        }
        await _pipe.Writer.CompleteAsync(failure);
    }

    /// <summary>Stops reading ahead and waits until the source is no longer used, so the caller may dispose it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pipe.Reader.CompleteAsync();
        await _filling;
        _stop.Dispose();
    }
}
