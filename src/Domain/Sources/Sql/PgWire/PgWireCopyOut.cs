using System.Buffers.Binary;
using System.Net.Sockets;

namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>
/// A <c>COPY ... TO STDOUT</c> read straight off the wire: each socket read brings many CopyData
/// messages, and their payloads are copied into the caller's block in one pass, where Npgsql's COPY
/// stream costs a message parse and a call per row. Given the <paramref name="query"/> inside the
/// COPY, it asks for the rows in binary instead whenever it can print them exactly as the server's
/// CSV (<see cref="PgBinaryColumns"/>), which takes the text formatting off the server. Throws
/// <see cref="PgWireUnsupportedException"/> from <see cref="Open"/>, before any row, when the server
/// wants what it does not do.
/// </summary>
internal sealed class PgWireCopyOut(PgWireSettings settings, string copyCommand, string? query = null) : ICopyOutSource
{
    private readonly Lock _gate = new();
    private PgWireConnection? _connection;
    private bool _cancelled;
    private int _payloadLeft;
    private bool _finished;
    private PgBinaryCsvRows? _binaryRows;

    /// <summary>Whether the rows come in binary and are printed here (decided by <see cref="Open"/>).</summary>
    public bool RowsInBinary => _binaryRows is not null;

    /// <summary>Socket reads so far; a watchdog compares it between ticks to tell a stalled server from a slow export.</summary>
    public long Reads => _connection?.Reads ?? 0;

    public void Open()
    {
        PgWireConnection connection;
        try
        {
            connection = PgWireConnection.Open(settings);
        }
        catch (Exception e) when (e is SocketException or IOException || e is PgWireException { SqlState: not "57014" })
        {
            throw SqlSource.ConnectFailed(e);
        }
        lock (_gate)
        {
            if (_cancelled)
            {
                connection.Dispose();
                throw new OperationCanceledException("The COPY was cancelled before it started.");
            }
            _connection = connection;
        }
        if (query is not null && PgBinaryColumns.Describe(connection, query) is var (kinds, names))
        {
            _binaryRows = new PgBinaryCsvRows(kinds, names);
            // The line breaks keep a trailing "-- comment" in the query from swallowing the parenthesis.
            connection.SendQuery($"COPY (\n{query}\n) TO STDOUT WITH (FORMAT binary)");
        }
        else
        {
            connection.SendQuery(copyCommand);
        }
        // CopyOutResponse, or the ErrorResponse of a query COPY cannot run.
        var (code, _) = connection.ReadMessage();
        if (code != 'H')
        {
            throw new PgWireException("08P01", $"Expected the start of the COPY, got message '{(char)code}'.");
        }
    }

    /// <summary>Copies CopyData payloads (or the CSV of binary rows) into <paramref name="buffer"/>; waits for the server only when it has nothing to return.</summary>
    public int Read(byte[] buffer, int offset, int count)
    {
        var connection = _connection ?? throw new InvalidOperationException("The COPY has not started.");
        if (_binaryRows is { } rows)
        {
            return ReadBinary(connection, rows, buffer.AsSpan(offset, count));
        }
        var written = 0;
        while (written < count && !_finished)
        {
            if (_payloadLeft > 0)
            {
                if (connection.Buffered.IsEmpty)
                {
                    if (written > 0)
                    {
                        break;
                    }
                    connection.Ensure(1);
                }
                var chunk = connection.Buffered[..Math.Min(Math.Min(_payloadLeft, connection.Buffered.Length), count - written)];
                chunk.CopyTo(buffer.AsSpan(offset + written));
                connection.Advance(chunk.Length);
                _payloadLeft -= chunk.Length;
                written += chunk.Length;
                continue;
            }
            var header = connection.Buffered;
            if (header.Length < 5)
            {
                if (written > 0)
                {
                    break;
                }
                connection.Ensure(5);
                continue;
            }
            if (header[0] == 'd')
            {
                _payloadLeft = BinaryPrimitives.ReadInt32BigEndian(header[1..]) - 4;
                connection.Advance(5);
                continue;
            }
            ReadControlMessage(connection);
        }
        return written;
    }

    /// <summary>Converts whole row messages as they are buffered; a row arriving in pieces is waited for whole.</summary>
    private int ReadBinary(PgWireConnection connection, PgBinaryCsvRows rows, Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length && !_finished)
        {
            if (rows.HasPending)
            {
                written += rows.TakePending(buffer[written..]);
                continue;
            }
            var header = connection.Buffered;
            var length = header.Length < 5 ? 5 : BinaryPrimitives.ReadInt32BigEndian(header[1..]) + 1;
            if (header.Length >= length && header[0] == 'd')
            {
                written += rows.Convert(header[5..length], buffer[written..]);
                connection.Advance(length);
                continue;
            }
            if (header.Length >= 5 && header[0] != 'd')
            {
                ReadControlMessage(connection);
                continue;
            }
            if (written > 0)
            {
                break;
            }
            connection.Ensure(length);
        }
        return written;
    }

    /// <summary>Asks the server to stop the query; safe from any thread, before or during the COPY.</summary>
    public void Cancel()
    {
        PgWireConnection? connection;
        lock (_gate)
        {
            _cancelled = true;
            connection = _connection;
        }
        try
        {
            connection?.SendCancelRequest();
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            // The server cannot be reached: a read waiting on it would wait forever, so end it here.
            connection?.Abort();
        }
    }

    public void Dispose() => _connection?.Dispose();

    /// <summary>Anything but CopyData: the end of the COPY, or its error.</summary>
    private void ReadControlMessage(PgWireConnection connection)
    {
        var (code, _) = connection.ReadMessage();
        switch (code)
        {
            case (byte)'d':
                throw new PgWireException("08P01", "A CopyData message was read as a control message.");
            case (byte)'c' or (byte)'C':
                // CopyDone, then CommandComplete: the ReadyForQuery that follows ends the export.
                break;
            case (byte)'Z':
                _finished = true;
                break;
            default:
                throw new PgWireException("08P01", $"Unexpected message '{(char)code}' in a COPY.");
        }
    }
}
