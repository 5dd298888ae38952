using System.Buffers;
using System.Threading.Channels;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Moves a COPY OUT export to its destination. The source is opened, read and disposed with blocking
/// calls on a dedicated thread (a blocking socket read sleeps in the kernel; the wire client needs its
/// socket never to see an asynchronous call), and 1 MB blocks go to the asynchronous writer, so reading
/// the next block overlaps with writing the last and the thread pool wakes once per megabyte. A
/// blocked read ends only when the query does: the caller cancels the source on a stall or on
/// cancellation, and so does the pump when the destination fails.
/// </summary>
internal static class CopyPump
{
    private const int BlockSize = 1 << 20;

    /// <summary>A block is handed over once less than one typical row would still fit.</summary>
    private const int FlushMargin = 1 << 12;

    public static async Task PumpAsync(ICopyOutSource source, Stream destination, CancellationToken cancellationToken)
    {
        var blocks = Channel.CreateBounded<(byte[] Block, int Count)>(
            new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var abort = new CancellationTokenSource();
        var reading = Task.Factory.StartNew(
            () => ReadBlocks(source, blocks.Writer, abort.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (var (block, count) in blocks.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await destination.WriteAsync(block.AsMemory(0, count), cancellationToken);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(block);
                }
            }
        }
        catch
        {
            // Free the reading thread, whether it waits on the server or on a full hand-over.
            if (!reading.IsCompleted)
            {
                await abort.CancelAsync();
                source.Cancel();
            }
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        await reading;
    }

    private static void ReadBlocks(ICopyOutSource source, ChannelWriter<(byte[] Block, int Count)> blocks, CancellationToken abort)
    {
        try
        {
            using (source)
            {
                source.Open();
                int read;
                do
                {
                    var block = ArrayPool<byte>.Shared.Rent(BlockSize);
                    var filled = 0;
                    while ((read = source.Read(block, filled, BlockSize - filled)) > 0)
                    {
                        filled += read;
                        if (BlockSize - filled < FlushMargin)
                        {
                            break;
                        }
                    }
                    if (filled == 0)
                    {
                        ArrayPool<byte>.Shared.Return(block);
                        continue;
                    }
                    // This thread exists to block: waiting here for the writer is its job.
                    blocks.WriteAsync((block, filled), abort).AsTask().GetAwaiter().GetResult();
                }
                while (read > 0);
            }
            blocks.Complete();
        }
        catch (Exception e)
        {
            blocks.Complete(e);
        }
    }
}
