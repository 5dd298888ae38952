using System.Data.Common;
using Courier.Domain.Model;
using Npgsql;
using NpgsqlTypes;

namespace Courier.Domain.Sources.Sql;

/// <summary>PostgreSQL through Npgsql, with <c>COPY ... TO STDOUT (FORMAT csv)</c> as the CSV fast path.</summary>
public sealed class PostgresProvider : ISqlProvider
{
    private const int DefaultReadBufferSize = 8192;
    private const int ExportReadBufferSize = 1 << 16;
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMilliseconds(250);

    public string Kind => "postgres";

    public DbConnection CreateConnection(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Exports read megabytes: a larger read buffer than Npgsql's 8 KB default means far fewer socket reads.
        if (builder.ReadBufferSize == DefaultReadBufferSize)
        {
            builder.ReadBufferSize = ExportReadBufferSize;
        }
        return new NpgsqlConnection(builder.ConnectionString);
    }

    public string ConnectionString(ConnectionSettings settings, ConnectionSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.ConnectionString ?? new NpgsqlConnectionStringBuilder
        {
            Host = settings.Host,
            Port = settings.Port ?? 5432,
            Database = settings.Database,
            Username = settings.Username,
            Password = secrets.Password,
            SslMode = settings.UseTls ? SslMode.Require : SslMode.Prefer,
        }.ConnectionString;
    }

    // Unknown lets the server infer the type from where the value is used (id = @id on an int column).
    public DbParameter CreateTextParameter(string name, string value) =>
        new NpgsqlParameter(name, NpgsqlDbType.Unknown) { Value = value };

    public async Task<bool> TryCopyCsvAsync(DbConnection connection, string sql, Stream destination, int timeoutSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var npgsql = (NpgsqlConnection)connection;
        // The line breaks keep a trailing "-- comment" in the query from swallowing the parenthesis.
        var copy = $"COPY (\n{TrimTerminator(sql)}\n) TO STDOUT WITH (FORMAT csv, HEADER)";
        // Like a command timeout on a reader, the limit is on each wait for the server, not the whole
        // stream: a ten-million-row export may take minutes while never stalling. Reads come one row at a
        // time, so a watchdog checks for progress instead of re-arming a timer on every read.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = timeoutSeconds * 1000L;
        var lastProgress = Environment.TickCount64;
        using var watchdog = timeoutSeconds > 0
            ? new Timer(_ =>
            {
                if (Environment.TickCount64 - Volatile.Read(ref lastProgress) > limit)
                {
                    stall.Cancel();
                }
            }, null, WatchdogPeriod, WatchdogPeriod)
            : null;
        try
        {
            using var reader = await npgsql.BeginTextExportAsync(copy, stall.Token);
            // Npgsql's text reader is a StreamReader over the COPY bytes, which the server already sends
            // as UTF-8 (the client encoding): reading its base stream skips decoding to chars and
            // re-encoding them, which costs more than the copy itself. Nothing is read through the
            // reader, so its own buffer stays empty and no byte is skipped.
            var raw = reader is StreamReader streamReader
                ? streamReader.BaseStream
                : throw new InvalidOperationException("Npgsql's COPY text reader is no longer a StreamReader; the fast path needs updating.");
            // A read waiting on the server ends only when the query does: a stall or a cancellation ends it.
            await using var cancelOnStall = stall.Token.Register(() => CancelQuietly(reader));
            await CopyPump.PumpAsync(
                raw, destination, () => Volatile.Write(ref lastProgress, Environment.TickCount64), () => CancelQuietly(reader), stall.Token);
            await destination.FlushAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (stall.IsCancellationRequested && e is OperationCanceledException or PostgresException { SqlState: PostgresErrorCodes.QueryCanceled })
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"COPY waited more than {timeoutSeconds} s for the server.", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.SyntaxError)
        {
            // Text that is a valid query but not a valid COPY body (several statements, say) was
            // rejected before anything ran or was written: the reader path runs it as written.
            return false;
        }
    }

    private static void CancelQuietly(TextReader reader)
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

    // COPY (...) takes one statement without its terminating semicolon.
    private static string TrimTerminator(string sql) => sql.TrimEnd().TrimEnd(';').TrimEnd();
}
