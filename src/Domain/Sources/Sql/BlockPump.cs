using System.Buffers;
using System.Threading.Channels;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Moves an export made with blocking calls to an asynchronous destination. The producer runs on a
/// dedicated thread (a blocking socket read sleeps in the kernel and a synchronous row loop costs
/// no state machine per row) and hands over 1 MB blocks, which are written here, so producing the
/// next block overlaps with writing the last and the thread pool wakes once per megabyte. When the
/// destination fails or the caller cancels, the producer is stopped: a wait for a free block slot
/// ends at once, and a wait on the database ends through <c>cancelProducer</c>.
/// </summary>
internal static class BlockPump
{
    public const int BlockSize = 1 << 20;

    /// <summary>
    /// Runs <paramref name="produce"/> on its own thread and writes every block it hands over (a
    /// block rented from <see cref="ArrayPool{T}.Shared"/>, returned here once written).
    /// </summary>
    public static async Task PumpAsync(Action<BlockHandOver> produce, Action cancelProducer, Stream destination, CancellationToken cancellationToken)
    {
        var blocks = Channel.CreateBounded<(byte[] Block, int Count)>(
            new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var abort = new CancellationTokenSource();
        var producing = Task.Factory.StartNew(
            () => Produce(produce, new BlockHandOver(blocks.Writer, abort.Token), blocks.Writer),
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
            // Free the producing thread, whether it waits on the database or on a full hand-over.
            if (!producing.IsCompleted)
            {
                await abort.CancelAsync();
                cancelProducer();
            }
            await producing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        await producing;
    }

    private static void Produce(Action<BlockHandOver> produce, BlockHandOver handOver, ChannelWriter<(byte[] Block, int Count)> blocks)
    {
        try
        {
            produce(handOver);
            blocks.Complete();
        }
        catch (Exception e)
        {
            // The writing side rethrows it as it is, so a database error keeps its type.
            blocks.Complete(e);
        }
    }
}

/// <summary>The producer's side of a <see cref="BlockPump"/>: hands over a full block, waiting while two are queued.</summary>
internal sealed class BlockHandOver(ChannelWriter<(byte[] Block, int Count)> blocks, CancellationToken abort)
{
    /// <summary>Passes <paramref name="block"/> (rented from the shared pool) to the writer, which returns it.</summary>
    public void HandOver(byte[] block, int count)
    {
        // The producing thread exists to block: waiting here for the writer is its job.
        blocks.WriteAsync((block, count), abort).AsTask().GetAwaiter().GetResult();
    }
}
