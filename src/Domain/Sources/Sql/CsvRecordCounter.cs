namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Passes CSV bytes through to a destination and counts the records in them: line feeds outside
/// quoted fields (a quoted field may hold line breaks). The quote and line feed are ASCII, so UTF-8
/// needs no decoding. The first <paramref name="headerRecords"/> records are not rows.
/// </summary>
internal sealed class CsvRecordCounter(Stream destination, RowCountLog counter, long headerRecords) : Stream
{
    private bool _inQuotes;
    private long _headerLeft = headerRecords;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Count(buffer);
        destination.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Span);
        await destination.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Count(ReadOnlySpan<byte> span)
    {
        while (!span.IsEmpty)
        {
            var next = _inQuotes ? span.IndexOf((byte)'"') : span.IndexOfAny((byte)'"', (byte)'\n');
            if (next < 0)
            {
                break;
            }
            if (span[next] == (byte)'"')
            {
                // An escaped quote ("") toggles twice, which leaves the state as it was.
                _inQuotes = !_inQuotes;
            }
            else if (_headerLeft > 0)
            {
                _headerLeft--;
            }
            else
            {
                counter.Add(1);
            }
            span = span[(next + 1)..];
        }
    }

    public override void Flush() => destination.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => destination.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
