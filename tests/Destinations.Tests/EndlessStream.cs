namespace Courier.Destinations.Tests;

/// <summary>
/// A source with no end: hands out bytes and counts them. From <paramref name="stallAfter"/> bytes on it either
/// throws <paramref name="failure"/> or, without one, waits until its read is cancelled (a source gone silent).
/// </summary>
internal sealed class EndlessStream(long stallAfter = long.MaxValue, Exception? failure = null) : Stream
{
    private long _bytesRead;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (BytesRead >= stallAfter)
        {
            if (failure is not null)
            {
                throw failure;
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        var count = (int)Math.Min(buffer.Length, stallAfter - BytesRead);
        buffer.Span[..count].Fill((byte)(BytesRead % 251));
        Interlocked.Add(ref _bytesRead, count);
        return count;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
