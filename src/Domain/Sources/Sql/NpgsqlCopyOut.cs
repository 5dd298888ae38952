using System.Data.Common;
using Npgsql;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// One <c>COPY ... TO STDOUT</c> through Npgsql on its own connection, for the connections the wire
/// client (<see cref="PgWire.PgWireCopyOut"/>) leaves alone. It is opened, read and disposed with
/// synchronous calls on <see cref="CopyPump"/>'s reading thread, where they cost less CPU than
/// awaited reads. Npgsql returns at most one row per read and its sockets are non-blocking, so a
/// read that finds no data waits on an event: this path costs about twice the wire client's CPU.
/// </summary>
internal sealed class NpgsqlCopyOut(string connectionString, string copyCommand) : ICopyOutSource
{
    private readonly Lock _gate = new();
    private NpgsqlConnection? _connection;
    private TextReader? _reader;
    private Stream? _raw;
    private bool _cancelled;
    private long _reads;

    /// <summary>Reads so far; a watchdog compares it between ticks to tell a stalled server from a slow export.</summary>
    public long Reads => Volatile.Read(ref _reads);

    public void Open()
    {
        var connection = new NpgsqlConnection(connectionString);
        lock (_gate)
        {
            _connection = connection;
        }
        try
        {
            connection.Open();
        }
        catch (DbException e)
        {
            throw SqlSource.ConnectFailed(e);
        }
        if (Volatile.Read(ref _cancelled))
        {
            throw new OperationCanceledException("The COPY was cancelled before it started.");
        }
        var reader = connection.BeginTextExport(copyCommand);
        lock (_gate)
        {
            _reader = reader;
        }
        // Npgsql's text reader is a StreamReader over the COPY bytes, which the server already sends
        // as UTF-8 (the client encoding): reading its base stream skips decoding to chars and
        // re-encoding them, which costs more than the copy itself. Nothing is read through the
        // reader, so its own buffer stays empty and no byte is skipped.
        _raw = reader is StreamReader streamReader
            ? streamReader.BaseStream
            : throw new InvalidOperationException("Npgsql's COPY text reader is no longer a StreamReader; the fast path needs updating.");
        if (Volatile.Read(ref _cancelled))
        {
            // Cancelled while the COPY was starting: the cancellation found no reader to stop.
            CancelReader(reader);
        }
    }

    /// <summary>Returns at most one row (one CopyData message) per call, 0 at the end.</summary>
    public int Read(byte[] buffer, int offset, int count)
    {
        var read = (_raw ?? throw new InvalidOperationException("The COPY has not started.")).Read(buffer, offset, count);
        Volatile.Write(ref _reads, _reads + 1);
        return read;
    }

    /// <summary>Asks the server to stop the query (a CancelRequest on a new connection); safe from any thread.</summary>
    public void Cancel()
    {
        TextReader? reader;
        lock (_gate)
        {
            _cancelled = true;
            reader = _reader;
        }
        if (reader is not null)
        {
            CancelReader(reader);
        }
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _connection?.Dispose();
    }

    private static void CancelReader(TextReader reader)
    {
        try
        {
            (reader as NpgsqlCopyTextReader)?.Cancel();
        }
        catch (Exception e) when (e is ObjectDisposedException or NpgsqlException or InvalidOperationException)
        {
            // The COPY already ended; there is nothing left to cancel.
        }
    }
}
