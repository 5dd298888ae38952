using System.Buffers;

namespace Courier.Domain.Pipeline.Streams;

/// <summary>Copies a text file's bytes while counting its lines (a last line without a terminator counts too).</summary>
internal static class LineCount
{
    private const int BufferSize = 1 << 16;

    public static async Task<long> CopyAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long lines = 0;
            var last = (byte)'\n';
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                // Line feeds are ASCII, so counting bytes is right for UTF-8 and single-byte code pages.
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                last = buffer[read - 1];
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            return last == (byte)'\n' ? lines : lines + 1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
