using System.Buffers.Binary;
using System.Text;

namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>
/// Turns the CopyData messages of a binary COPY (the file header, one row each, the trailer) into the
/// CSV the server's <c>FORMAT csv, HEADER</c> would have sent: the header line from the column names,
/// then each row. A row is written straight into the caller's block when it surely fits; otherwise it
/// waits here, pending, and is handed out in pieces.
/// </summary>
internal sealed class PgBinaryCsvRows
{
    /// <summary><c>PGCOPY\n\377\r\n\0</c>.</summary>
    private static readonly byte[] Signature = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];
    private readonly PgColumnKind[] _kinds;
    private readonly bool _oneColumn;
    private bool _headerRead;
    private byte[] _pending;
    private int _pendingStart;
    private int _pendingEnd;

    public PgBinaryCsvRows(PgColumnKind[] kinds, string[] names)
    {
        _kinds = kinds;
        _oneColumn = kinds.Length == 1;
        var header = new List<byte>();
        foreach (var name in names)
        {
            var text = Encoding.UTF8.GetBytes(name);
            var quoted = new byte[PgBinaryText.MaxLength(PgColumnKind.Text, text)];
            header.AddRange(quoted.AsSpan(0, PgBinaryText.Text(text, quoted, _oneColumn)));
            header.Add((byte)',');
        }
        header[^1] = (byte)'\n';
        _pending = [.. header];
        _pendingEnd = _pending.Length;
    }

    public bool HasPending => _pendingEnd > _pendingStart;

    /// <summary>Copies out as much of the pending text as fits; returns the bytes copied.</summary>
    public int TakePending(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _pendingEnd - _pendingStart);
        _pending.AsSpan(_pendingStart, count).CopyTo(destination);
        _pendingStart += count;
        return count;
    }

    /// <summary>Converts one CopyData payload; returns the bytes written to <paramref name="destination"/> (the rest is pending).</summary>
    public int Convert(ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (!_headerRead)
        {
            if (!message.StartsWith(Signature))
            {
                throw new PgWireException("08P01", "The binary COPY did not start with its signature.");
            }
            // Signature, flags (4), then the header extension's length and the extension itself.
            var extension = BinaryPrimitives.ReadInt32BigEndian(message[(Signature.Length + 4)..]);
            message = message[(Signature.Length + 8 + extension)..];
            _headerRead = true;
            if (message.IsEmpty)
            {
                return 0;
            }
        }
        var fields = BinaryPrimitives.ReadInt16BigEndian(message);
        if (fields == -1)
        {
            // The trailer: the CopyDone that follows ends the export.
            return 0;
        }
        if (fields != _kinds.Length)
        {
            throw new PgWireException("08P01", $"A binary COPY row has {fields} fields where {_kinds.Length} were described.");
        }
        var room = RowMaxLength(message);
        if (room <= destination.Length)
        {
            return WriteRow(message, destination);
        }
        if (_pending.Length < room)
        {
            _pending = new byte[room];
        }
        _pendingStart = 0;
        _pendingEnd = WriteRow(message, _pending);
        return 0;
    }

    private int RowMaxLength(ReadOnlySpan<byte> row)
    {
        var most = _kinds.Length;
        var position = 2;
        foreach (var kind in _kinds)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(row[position..]);
            position += 4;
            if (length > 0)
            {
                most += PgBinaryText.MaxLength(kind, row.Slice(position, length));
                position += length;
            }
            else if (length == 0)
            {
                most += 2;
            }
        }
        return most;
    }

    private int WriteRow(ReadOnlySpan<byte> row, Span<byte> destination)
    {
        var written = 0;
        var position = 2;
        for (var i = 0; i < _kinds.Length; i++)
        {
            if (i > 0)
            {
                destination[written++] = (byte)',';
            }
            var length = BinaryPrimitives.ReadInt32BigEndian(row[position..]);
            position += 4;
            // NULL is nothing between the commas.
            if (length >= 0)
            {
                written += PgBinaryText.Write(_kinds[i], row.Slice(position, length), destination[written..], _oneColumn);
                position += length;
            }
        }
        destination[written++] = (byte)'\n';
        return written;
    }
}
