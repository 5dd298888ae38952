using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Courier.Domain.Sources.Sql;

/// <summary>PostgreSQL through Npgsql, with <c>COPY ... TO STDOUT (FORMAT csv)</c> as the CSV fast path.</summary>
public sealed class PostgresProvider : ISqlProvider
{
    private const int CopyBufferSize = 1 << 16;

    public string Kind => "postgres";

    public DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    // Unknown lets the server infer the type from where the value is used (id = @id on an int column).
    public DbParameter CreateTextParameter(string name, string value) =>
        new NpgsqlParameter(name, NpgsqlDbType.Unknown) { Value = value };

    public async Task<bool> TryCopyCsvAsync(DbConnection connection, string sql, Stream destination, int timeoutSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var npgsql = (NpgsqlConnection)connection;
        var copy = $"COPY ({TrimTerminator(sql)}) TO STDOUT WITH (FORMAT csv, HEADER)";
        // Like a command timeout on a reader, the limit is on each wait for the server, not the whole
        // stream: a ten-million-row export may take minutes while never stalling.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = timeoutSeconds > 0 ? TimeSpan.FromSeconds(timeoutSeconds) : Timeout.InfiniteTimeSpan;
        try
        {
            stall.CancelAfter(limit);
            using var reader = await npgsql.BeginTextExportAsync(copy, stall.Token);
            var buffer = new char[CopyBufferSize];
            await using var writer = new StreamWriter(destination, new System.Text.UTF8Encoding(false), CopyBufferSize, leaveOpen: true);
            int read;
            while (true)
            {
                stall.CancelAfter(limit);
                read = await reader.ReadAsync(buffer, stall.Token);
                if (read == 0)
                {
                    break;
                }
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            return true;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"COPY waited more than {timeoutSeconds} s for the server.", e);
        }
    }

    // COPY (...) takes one statement without its terminating semicolon.
    private static string TrimTerminator(string sql) => sql.TrimEnd().TrimEnd(';').TrimEnd();
}
