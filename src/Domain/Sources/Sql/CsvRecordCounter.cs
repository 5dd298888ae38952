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
        long records = 0;
        while (!span.IsEmpty)
        {
            var quote = span.IndexOf((byte)'"');
            if (_inQuotes)
            {
                // Line breaks inside a quoted field are data; an escaped quote ("") toggles twice.
                if (quote < 0)
                {
                    break;
                }
                _inQuotes = false;
            }
            else
            {
                var plain = quote < 0 ? span : span[..quote];
                records += plain.Count((byte)'\n');
                if (quote < 0)
                {
                    break;
                }
                _inQuotes = true;
            }
            span = span[(quote + 1)..];
        }
        if (_headerLeft > 0)
        {
            var header = Math.Min(_headerLeft, records);
            _headerLeft -= header;
            records -= header;
        }
        if (records > 0)
        {
            counter.Add(records);
        }
    }

    public override void Flush() => destination.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => destination.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
