using System.Data.Common;
using Courier.Domain.Model;
using Courier.Domain.Sources.Sql.PgWire;
using Npgsql;
using NpgsqlTypes;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// PostgreSQL through Npgsql, with <c>COPY ... TO STDOUT</c> as the CSV fast path: read by a minimal
/// wire-protocol client where it can (<see cref="PgWireCopyOut"/>: in binary, printed here as the
/// server's CSV, when the column types allow), else by Npgsql.
/// </summary>
public sealed class PostgresProvider : ISqlProvider
{
    private const int DefaultReadBufferSize = 8192;
    private const int ExportReadBufferSize = 1 << 16;
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromMilliseconds(250);

    public string Kind => "postgres";

    public DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(ExportConnectionString(connectionString));

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

    public async Task<bool> TryCopyCsvAsync(string connectionString, string sql, Stream destination, int timeoutSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        // The line breaks keep a trailing "-- comment" in the query from swallowing the parenthesis.
        var query = TrimTerminator(sql);
        var copy = $"COPY (\n{query}\n) TO STDOUT WITH (FORMAT csv, HEADER)";
        if (PgWireSettings.From(connectionString) is { } wire)
        {
            try
            {
                return await CopyAsync(new PgWireCopyOut(wire, copy, query), destination, timeoutSeconds, cancellationToken);
            }
            catch (PgWireUnsupportedException)
            {
                // Refused before any row was written (an authentication method it does not know, say):
                // Npgsql knows them all.
            }
        }
        return await CopyAsync(new NpgsqlCopyOut(ExportConnectionString(connectionString), copy), destination, timeoutSeconds, cancellationToken);
    }

    private static async Task<bool> CopyAsync(ICopyOutSource source, Stream destination, int timeoutSeconds, CancellationToken cancellationToken)
    {
        // Like a command timeout on a reader, the limit is on each wait for the server, not the whole
        // stream: a ten-million-row export may take minutes while never stalling. A watchdog checks
        // that the read count moves instead of re-arming a timer on every read.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watchdog = timeoutSeconds > 0 ? StallWatchdog(source, stall, timeoutSeconds) : null;
        try
        {
            // A read waiting on the server ends only when the query does: a stall or a cancellation ends it.
            await using var cancelOnStall = stall.Token.Register(source.Cancel);
            await CopyPump.PumpAsync(source, destination, stall.Token);
            await destination.FlushAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (stall.IsCancellationRequested && e is OperationCanceledException or DbException { SqlState: PostgresErrorCodes.QueryCanceled })
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"COPY waited more than {timeoutSeconds} s for the server.", e);
        }
        catch (DbException e) when (e.SqlState == PostgresErrorCodes.SyntaxError)
        {
            // Text that is a valid query but not a valid COPY body (several statements, say) was
            // rejected before anything ran or was written: the reader path runs it as written.
            return false;
        }
    }

    /// <summary>Exports read megabytes: a read buffer larger than Npgsql's 8 KB default means far fewer socket reads.</summary>
    private static string ExportConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.ReadBufferSize == DefaultReadBufferSize)
        {
            builder.ReadBufferSize = ExportReadBufferSize;
        }
        return builder.ConnectionString;
    }

    private static Timer StallWatchdog(ICopyOutSource source, CancellationTokenSource stall, int timeoutSeconds)
    {
        var limit = timeoutSeconds * 1000L;
        var lastReads = -1L;
        var lastProgress = Environment.TickCount64;
        return new Timer(_ =>
        {
            // Ticks seldom overlap (only while a cancellation is being sent); one that did would at
            // worst cancel twice.
            var reads = source.Reads;
            var now = Environment.TickCount64;
            if (reads != lastReads)
            {
                lastReads = reads;
                lastProgress = now;
            }
            else if (now - lastProgress > limit)
            {
                try
                {
                    stall.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // A last tick after the export ended: an exception here would end the process.
                }
            }
        }, null, WatchdogPeriod, WatchdogPeriod);
    }

    // COPY (...) takes one statement without its terminating semicolon.
    private static string TrimTerminator(string sql) => sql.TrimEnd().TrimEnd(';').TrimEnd();
}
