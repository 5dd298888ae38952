using Courier.Testing;
using Npgsql;

namespace Courier.Sources.Tests;

/// <summary>
/// A PostgreSQL cluster holding <c>orders</c>: 1,000,000 rows of ten columns covering the common
/// types, with commas, quotes, line breaks, empty strings and NULLs in the text columns.
/// </summary>
public sealed class OrdersDatabase : IAsyncLifetime
{
    public const int Rows = 1_000_000;

    public const string OrdersQuery = "SELECT id, customer, amount, created_at, paid, ref, note, qty, score, day FROM orders ORDER BY id";

    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("PostgreSQL has not started.");

    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(
            $"""
            SET TimeZone = 'UTC';
            CREATE TABLE orders AS
            SELECT g::bigint AS id,
                   CASE WHEN g % 10 = 0 THEN NULL WHEN g % 7 = 0 THEN 'Smith, "Jr"' WHEN g % 11 = 0 THEN '' ELSE 'customer ' || g END AS customer,
                   (g % 100000) / 100.0 + 0.5 AS amount,
                   timestamptz '2026-01-01 00:00:00+00' + g * interval '1 second' + (g % 3) * interval '1 millisecond' AS created_at,
                   g % 2 = 0 AS paid,
                   md5(g::text)::uuid AS ref,
                   CASE WHEN g % 13 = 0 THEN E'two\nlines' WHEN g % 5 = 0 THEN NULL ELSE 'note ' || (g % 97) END AS note,
                   (g % 1000)::int AS qty,
                   g / 7.0::float8 AS score,
                   date '2026-01-01' + (g % 365) AS day
            FROM generate_series(1, {Rows}) AS g;
            ANALYZE orders;
            """, connection);
        create.CommandTimeout = 300;
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
