using System.Buffers;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Moves a COPY OUT export to its destination through a <see cref="BlockPump"/>. The source is
/// opened, read and disposed with blocking calls on the pump's thread (the wire client needs its
/// socket never to see an asynchronous call). A blocked read ends only when the query does: the
/// caller cancels the source on a stall or on cancellation, and so does the pump when the
/// destination fails.
/// </summary>
internal static class CopyPump
{
    /// <summary>A block is handed over once less than one typical row would still fit.</summary>
    private const int FlushMargin = 1 << 12;

    public static Task PumpAsync(ICopyOutSource source, Stream destination, CancellationToken cancellationToken) =>
        BlockPump.PumpAsync(handOver => ReadBlocks(source, handOver), source.Cancel, destination, cancellationToken);

    private static void ReadBlocks(ICopyOutSource source, BlockHandOver handOver)
    {
        using (source)
        {
            source.Open();
            int read;
            do
            {
                var block = ArrayPool<byte>.Shared.Rent(BlockPump.BlockSize);
                var filled = 0;
                while ((read = source.Read(block, filled, BlockPump.BlockSize - filled)) > 0)
                {
                    filled += read;
                    if (BlockPump.BlockSize - filled < FlushMargin)
                    {
                        break;
                    }
                }
                if (filled == 0)
                {
                    ArrayPool<byte>.Shared.Return(block);
                    continue;
                }
                handOver.HandOver(block, filled);
            }
            while (read > 0);
        }
    }
}
