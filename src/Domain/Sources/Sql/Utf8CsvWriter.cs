using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Courier.Domain.Sources.Sql.PgWire;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Writes CSV as UTF-8 bytes straight into pooled 1 MB blocks: numbers and dates format as UTF-8
/// with no intermediate string, text is encoded once, and each full block is handed over whole
/// (to a <see cref="BlockPump"/>, which writes it and returns it to the pool). The per-value
/// methods run once per value from the first row on, so they are compiled fully optimised at once
/// instead of warming up through the slower tiers during the first few hundred thousand rows.
/// </summary>
internal sealed class Utf8CsvWriter(BlockHandOver handOver) : IDisposable
{
    /// <summary>Room kept free for one formatted value, so the common case never checks twice.</summary>
    private const int ValueRoom = 128;

    /// <summary>A block is handed over at the end of a row once less than a typical row would still fit.</summary>
    private const int RowRoom = 1 << 12;

    /// <summary>PostgreSQL counts dates and times from 2000-01-01.</summary>
    private static readonly DateTime PostgresEpoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly int PostgresEpochDay = System.DateOnly.FromDateTime(PostgresEpoch).DayNumber;
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private byte[] _block = ArrayPool<byte>.Shared.Rent(BlockPump.BlockSize);
    private int _position;

    /// <summary>
    /// Set for a one-column export: a line holding only <c>\.</c> would read back as PostgreSQL's
    /// end-of-data marker, so PostgreSQL quotes that value there (and only there).
    /// </summary>
    public bool QuoteEndOfDataMarker { get; init; }

    public void EndRow()
    {
        Byte((byte)'\n');
        if (_block.Length - _position < RowRoom)
        {
            HandOver();
        }
    }

    /// <summary>Hands over what is left; the writer is not used afterwards.</summary>
    public void Finish()
    {
        if (_position > 0)
        {
            HandOver();
        }
    }

    public void Byte(byte value)
    {
        Ensure(1);
        _block[_position++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Formatted<T>(T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        Ensure(ValueRoom);
        if (!value.TryFormat(_block.AsSpan(_position), out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"A {typeof(T).Name} did not fit in {ValueRoom} bytes.");
        }
        _position += written;
    }

    /// <summary>The shortest round-trip form, laid out as PostgreSQL prints a double precision value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Double(double value)
    {
        Ensure(ValueRoom);
        _position += PgBinaryText.Double(value, _block.AsSpan(_position));
    }

    /// <summary>The shortest round-trip form, laid out as PostgreSQL prints a real (float4) value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Single(float value)
    {
        Ensure(ValueRoom);
        _position += PgBinaryText.Single(value, _block.AsSpan(_position));
    }

    public void Decimal(decimal value)
    {
        Ensure(DecimalText.MaxLength);
        _position += DecimalText.Write(value, _block.AsSpan(_position));
    }

    /// <summary>PostgreSQL's text form: <c>yyyy-MM-dd HH:mm:ss</c>, then the fraction without trailing zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void DateTime(DateTime value, bool utc)
    {
        Ensure(ValueRoom);
        _position += PgBinaryText.Timestamp((value.Ticks - PostgresEpoch.Ticks) / 10, _block.AsSpan(_position), utc);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void DateOnly(DateOnly value)
    {
        Ensure(ValueRoom);
        _position += PgBinaryText.Date(value.DayNumber - PostgresEpochDay, _block.AsSpan(_position));
    }

    /// <summary>Text, quoted when it holds a comma, quote or line break, or is empty (so it differs from NULL, as in PostgreSQL).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Text(string value)
    {
        if (value.Length > 0 && value.AsSpan().IndexOfAny(NeedsQuotes) < 0 && !(QuoteEndOfDataMarker && value == "\\."))
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
        if (_block.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_block);
            _block = [];
        }
    }

    private void Raw(ReadOnlySpan<char> text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most <= BlockPump.BlockSize)
        {
            Ensure(most);
            _position += Encoding.UTF8.GetBytes(text, _block.AsSpan(_position));
            return;
        }
        // A value larger than the buffer (a long text column) is encoded in pieces that never split a surrogate pair.
        var encoder = Encoding.UTF8.GetEncoder();
        while (!text.IsEmpty)
        {
            Ensure(ValueRoom);
            encoder.Convert(text, _block.AsSpan(_position), flush: true, out var used, out var written, out _);
            _position += written;
            text = text[used..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int bytes)
    {
        if (_block.Length - _position < bytes)
        {
            HandOver();
        }
    }

    private void HandOver()
    {
        // The block belongs to the pump from here on, even if the hand-over is aborted.
        var full = _block;
        var count = _position;
        _block = [];
        _position = 0;
        handOver.HandOver(full, count);
        _block = ArrayPool<byte>.Shared.Rent(BlockPump.BlockSize);
    }
}
