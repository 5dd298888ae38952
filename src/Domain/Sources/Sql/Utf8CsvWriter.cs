using System.Buffers;
using System.Globalization;
using System.Text;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Writes CSV as UTF-8 bytes straight into a pooled buffer: numbers and dates format as UTF-8 with
/// no intermediate string, text is encoded once, and the buffer goes to the stream in large writes.
/// </summary>
internal sealed class Utf8CsvWriter(Stream destination) : IDisposable
{
    private const int BufferSize = 1 << 17;

    /// <summary>Room kept free for one formatted value, so the common case never checks twice.</summary>
    private const int ValueRoom = 128;

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _position;

    /// <summary>Whether enough is buffered to be worth a write to the stream.</summary>
    public bool ShouldFlush => _position > BufferSize - 4 * ValueRoom;

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_position > 0)
        {
            await destination.WriteAsync(_buffer.AsMemory(0, _position), cancellationToken);
            _position = 0;
        }
    }

    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    public void Formatted<T>(T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        Ensure(ValueRoom);
        if (!value.TryFormat(_buffer.AsSpan(_position), out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"A {typeof(T).Name} did not fit in {ValueRoom} bytes.");
        }
        _position += written;
    }

    /// <summary>PostgreSQL's text form: <c>yyyy-MM-dd HH:mm:ss</c>, then the fraction without trailing zeros.</summary>
    public void DateTime(DateTime value, bool utc)
    {
        Ensure(ValueRoom);
        var span = _buffer.AsSpan(_position);
        Date(span, value.Year, value.Month, value.Day);
        span[10] = (byte)' ';
        Two(span[11..], value.Hour);
        span[13] = (byte)':';
        Two(span[14..], value.Minute);
        span[16] = (byte)':';
        Two(span[17..], value.Second);
        var length = 19;
        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond / 10);
        if (fraction > 0)
        {
            span[length++] = (byte)'.';
            var digits = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            for (var i = digits - 1; i >= 0; i--)
            {
                span[length + i] = (byte)('0' + fraction % 10);
                fraction /= 10;
            }
            length += digits;
        }
        if (utc)
        {
            "+00"u8.CopyTo(span[length..]);
            length += 3;
        }
        _position += length;
    }

    public void DateOnly(DateOnly value)
    {
        Ensure(ValueRoom);
        Date(_buffer.AsSpan(_position), value.Year, value.Month, value.Day);
        _position += 10;
    }

    /// <summary>Text, quoted when it holds a comma, quote or line break, or is empty (so it differs from NULL, as in PostgreSQL).</summary>
    public void Text(string value)
    {
        if (value.Length > 0 && value.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            Raw(value);
            return;
        }
        Byte((byte)'"');
        var rest = value.AsSpan();
        int quote;
        while ((quote = rest.IndexOf('"')) >= 0)
        {
            Raw(rest[..(quote + 1)]);
            Byte((byte)'"');
            rest = rest[(quote + 1)..];
        }
        Raw(rest);
        Byte((byte)'"');
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }

    private void Raw(ReadOnlySpan<char> text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most <= BufferSize)
        {
            Ensure(most);
            _position += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_position));
            return;
        }
        // A value larger than the buffer (a long text column) is encoded in pieces that never split a surrogate pair.
        var encoder = Encoding.UTF8.GetEncoder();
        while (!text.IsEmpty)
        {
            Ensure(ValueRoom);
            encoder.Convert(text, _buffer.AsSpan(_position), flush: true, out var used, out var written, out _);
            _position += written;
            text = text[used..];
        }
    }

    private void Ensure(int bytes)
    {
        if (_buffer.Length - _position < bytes)
        {
            // Values are small against the buffer; a synchronous write here is rare (the loop flushes asynchronously).
            destination.Write(_buffer, 0, _position);
            _position = 0;
        }
    }

    private static void Date(Span<byte> span, int year, int month, int day)
    {
        Two(span, year / 100);
        Two(span[2..], year % 100);
        span[4] = (byte)'-';
        Two(span[5..], month);
        span[7] = (byte)'-';
        Two(span[8..], day);
    }

    private static void Two(Span<byte> span, int value)
    {
        span[0] = (byte)('0' + value / 10);
        span[1] = (byte)('0' + value % 10);
    }
}
