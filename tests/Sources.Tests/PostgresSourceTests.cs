using System.Security.Cryptography;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Sql;
using Courier.Testing;

namespace Courier.Sources.Tests;

public sealed class PostgresSourceTests(OrdersDatabase db) : IClassFixture<OrdersDatabase>
{
    [Fact]
    public async Task A_million_rows_take_the_COPY_path_and_match_psql_byte_for_byte()
    {
        var scratch = TestRun.NewTempDirectory("pgcsv");
        try
        {
            var log = new RunLog();
            var ours = Path.Combine(scratch, "courier.csv");
            long rows;
            await using (var file = File.Create(ours))
            {
                rows = await Sql.Source.ExportCsvAsync(Request(OrdersDatabase.OrdersQuery), Sql.Context(log), file, CancellationToken.None);
            }
            var reference = Path.Combine(scratch, "psql.csv");
            await Psql($"\\copy ({OrdersDatabase.OrdersQuery}) to '{reference}' csv header");

            Assert.Equal(OrdersDatabase.Rows, rows);
            Assert.Equal(await Sha256(reference), await Sha256(ours));
            Assert.Contains("Information: 100000 rows so far", log.Lines);
            Assert.Contains("Information: 1000000 rows in total", log.Lines);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task A_parameterised_million_rows_take_the_reader_path_and_give_the_same_CSV()
    {
        var scratch = TestRun.NewTempDirectory("pgcsv");
        try
        {
            var log = new RunLog();
            var query = OrdersDatabase.OrdersQuery.Replace("ORDER BY", "WHERE id <= @limit ORDER BY", StringComparison.Ordinal);
            var ours = Path.Combine(scratch, "courier.csv");
            long rows;
            await using (var file = File.Create(ours))
            {
                rows = await Sql.Source.ExportCsvAsync(
                    Request(query) with { Parameters = new Dictionary<string, string> { ["limit"] = $"{OrdersDatabase.Rows}" } },
                    Sql.Context(log), file, CancellationToken.None);
            }
            var reference = Path.Combine(scratch, "psql.csv");
            await Psql($"\\copy ({OrdersDatabase.OrdersQuery}) to '{reference}' csv header");

            Assert.Equal(OrdersDatabase.Rows, rows);
            Assert.Contains("Information: Bound parameters: @limit", log.Lines);
            Assert.Contains("Information: 500000 rows so far", log.Lines);
            Assert.Contains("Information: 1000000 rows in total", log.Lines);
            Assert.Equal(await Sha256(reference), await Sha256(ours));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task Date_parameters_are_bound_as_dates_of_the_tasks_time_zone()
    {
        // 02:00 UTC on 1 March is still 28 February in New York.
        var context = Sql.Context(new RunLog(), new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero), "America/New_York");

        await using var rows = await Sql.Source.OpenRowsAsync(
            Request("SELECT @today AS today, @yesterday AS yesterday, @firstDayOfLastMonth AS f, @LastDayOfLastMonth AS l, pg_typeof(@today)::text AS t"),
            context, CancellationToken.None);

        Assert.True(await rows.ReadAsync(CancellationToken.None));
        Assert.Equal(new DateOnly(2026, 2, 28), rows.Reader.GetFieldValue<DateOnly>(0));
        Assert.Equal(new DateOnly(2026, 2, 27), rows.Reader.GetFieldValue<DateOnly>(1));
        Assert.Equal(new DateOnly(2026, 1, 1), rows.Reader.GetFieldValue<DateOnly>(2));
        Assert.Equal(new DateOnly(2026, 1, 31), rows.Reader.GetFieldValue<DateOnly>(3));
        Assert.Equal("date", rows.Reader.GetString(4));
    }

    [Fact]
    public async Task A_date_parameter_filters_rows_on_the_server()
    {
        var context = Sql.Context(new RunLog(), new DateTimeOffset(2027, 1, 5, 12, 0, 0, TimeSpan.Zero));
        using var output = new MemoryStream();

        var rows = await Sql.Source.ExportCsvAsync(
            Request("SELECT count(*) AS n FROM orders WHERE day = @firstDayOfLastMonth"), context, output, CancellationToken.None);

        Assert.Equal(1, rows);
        Assert.Equal($"n\n{CountOfDay(new DateOnly(2026, 12, 1))}\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Task_and_project_parameters_are_bound_never_substituted()
    {
        var hostile = "x'); DROP TABLE orders; --";
        var context = Sql.Context(new RunLog(),
            taskParameters: new Dictionary<string, string> { ["region"] = hostile },
            projectParameters: new Dictionary<string, string> { ["region"] = "project value", ["minQty"] = "998" });

        await using var rows = await Sql.Source.OpenRowsAsync(
            Request("SELECT @region AS region, count(*) AS n FROM orders WHERE qty >= @minQty"), context, CancellationToken.None);

        Assert.True(await rows.ReadAsync(CancellationToken.None));
        Assert.Equal(hostile, rows.Reader.GetString(0));
        Assert.Equal(2 * (OrdersDatabase.Rows / 1000), rows.Reader.GetInt64(1));
    }

    [Fact]
    public async Task USE_statements_are_removed_and_the_preview_shows_what_runs()
    {
        var query = "USE [Sales];\nGO\nuse reporting\nSELECT count(*) AS n FROM orders WHERE note = 'use x'\n";
        var log = new RunLog();

        var plan = SqlSource.Preview(Request(query), Sql.Context(log));
        using var output = new MemoryStream();
        var rows = await Sql.Source.ExportCsvAsync(Request(query), Sql.Context(log), output, CancellationToken.None);

        Assert.Equal("SELECT count(*) AS n FROM orders WHERE note = 'use x'", plan.Preview.Executed);
        Assert.Equal(["USE [Sales];\nGO", "use reporting"], plan.Preview.RemovedStatements);
        Assert.Equal(1, rows);
        Assert.Contains("Information: Removed from the query before running it: USE [Sales];\nGO", log.Lines);
    }

    [Fact]
    public async Task Queries_that_COPY_cannot_wrap_still_run()
    {
        using var commented = new MemoryStream();
        using var twoStatements = new MemoryStream();

        await Sql.Source.ExportCsvAsync(Request("SELECT 1 AS one -- trailing comment"), Sql.Context(new RunLog()), commented, CancellationToken.None);
        await Sql.Source.ExportCsvAsync(Request("SET LOCAL work_mem = '8MB'; SELECT 2 AS two;"), Sql.Context(new RunLog()), twoStatements, CancellationToken.None);

        Assert.Equal("one\n1\n", System.Text.Encoding.UTF8.GetString(commented.ToArray()));
        Assert.Equal("two\n2\n", System.Text.Encoding.UTF8.GetString(twoStatements.ToArray()));
    }

    [Fact]
    public async Task The_tasks_timeout_wins_over_the_connections()
    {
        var slow = "SELECT pg_sleep(3) AS slept";

        var timedOut = await Assert.ThrowsAsync<SourceException>(() => Sql.Source.ExportCsvAsync(
            Request(slow) with { ConnectionTimeoutSeconds = 30, TaskTimeoutSeconds = 1 }, Sql.Context(new RunLog()), Stream.Null, CancellationToken.None));
        var connectionLimit = await Assert.ThrowsAsync<SourceException>(() => Sql.Source.ExportCsvAsync(
            Request(slow + " WHERE @today IS NOT NULL") with { ConnectionTimeoutSeconds = 1 }, Sql.Context(new RunLog()), Stream.Null, CancellationToken.None));
        var rows = await Sql.Source.ExportCsvAsync(
            Request(slow) with { ConnectionTimeoutSeconds = 1, TaskTimeoutSeconds = 30 }, Sql.Context(new RunLog()), Stream.Null, CancellationToken.None);

        Assert.Contains("1 s command timeout", timedOut.Message, StringComparison.Ordinal);
        Assert.Contains("1 s command timeout", connectionLimit.Message, StringComparison.Ordinal);
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task Cancelling_a_COPY_in_the_middle_of_its_rows_ends_it_and_leaves_the_connection_usable()
    {
        // A row every 10 ms for a minute: the export is streaming when it is cancelled.
        var trickle = "SELECT g, pg_sleep(0.01) FROM generate_series(1, 6000) AS g";
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        using var received = new MemoryStream();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sql.Source.ExportCsvAsync(
            Request(trickle) with { TaskTimeoutSeconds = 120 }, Sql.Context(new RunLog()), received, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"cancellation took {clock.Elapsed}");
        var after = await Sql.Source.ExportCsvAsync(Request("SELECT 1 AS one"), Sql.Context(new RunLog()), Stream.Null, CancellationToken.None);
        Assert.Equal(1, after);
    }

    [Fact]
    public async Task A_destination_that_fails_in_the_middle_of_a_COPY_fails_the_export_with_its_error()
    {
        await using var failing = new FailingStream(afterBytes: 1 << 20);

        var error = await Record.ExceptionAsync(() => Sql.Source.ExportCsvAsync(
            Request(OrdersDatabase.OrdersQuery), Sql.Context(new RunLog()), failing, CancellationToken.None));

        Assert.IsType<IOException>(error);
        Assert.Equal(FailingStream.Message, error.Message);
    }

    /// <summary>A destination whose disk fills up after a given number of bytes.</summary>
    private sealed class FailingStream(long afterBytes) : MemoryStream
    {
        public const string Message = "No space left on device (test)";

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Length + buffer.Length > afterBytes ? throw new IOException(Message) : base.WriteAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > afterBytes)
            {
                throw new IOException(Message);
            }
            base.Write(buffer, offset, count);
        }
    }

    [Fact]
    public async Task The_reader_path_writes_edge_values_as_psql_does()
    {
        // A bound parameter keeps it off COPY. One value of 1.2 MB is larger than a hand-over block.
        var values = """
            SELECT * FROM (VALUES
              (1, NULL::text, ''::text, E'a,b "c"\nd\r', 'héllo ✓ 𝄞', 'NaN'::float8, NULL::numeric, date '0001-01-01', timestamp '0001-01-01 00:00:00', '\x'::bytea, true, 'NaN'::float4),
              (2, 'x', ' spaces kept ', '"', repeat('é', 600000), 'Infinity'::float8, 79228162514264337593543950335::numeric, date '9999-12-31', timestamp '9999-12-31 23:59:59.999999', '\x00ff10'::bytea, false, 'Infinity'::float4),
              (3, 'y', 'z', ',', '', '-Infinity'::float8, 0.0000000000000000000000000001::numeric, NULL::date, timestamp '2026-03-01 12:34:56.5', NULL::bytea, NULL::boolean, NULL::float4),
              (4, 'y', 'z', E'\r\n', 'w', -0.5::float8, -7922816251426433759354395033.5::numeric, date '2026-02-28', NULL::timestamp, '\xdeadbeef'::bytea, true, 1000000::float4),
              (5, 'y', 'z', 'plain', 'w', 0.1::float8, 12.3400::numeric, date '2026-02-28', timestamp '2026-02-28 00:00:00.000001', '\x00'::bytea, true, 123456::float4),
              (6, 'y', 'z', 'plain', 'w', 123456789012345::float8, 0.00::numeric, date '2026-02-28', timestamp '2026-02-28 23:59:59', '\x00'::bytea, true, 1234567::float4),
              (7, 'y', 'z', '\.', 'w', 1e20::float8, 1::numeric, date '2026-02-28', timestamp '2026-02-28 23:59:59', '\x00'::bytea, true, 0.0001::float4),
              (8, 'y', 'z', 'plain', 'w', 1.5e-7::float8, 1::numeric, date '2026-02-28', timestamp '2026-02-28 23:59:59', '\x00'::bytea, true, 1.5e-5::float4),
              (9, 'y', 'z', 'plain', 'w', 1e15::float8, 1::numeric, date '2026-02-28', timestamp '2026-02-28 23:59:59', '\x00'::bytea, true, 3.4028235e38::float4),
              (10, 'y', 'z', 'plain', 'w', 0.0001::float8, 1::numeric, date '2026-02-28', timestamp '2026-02-28 23:59:59', '\x00'::bytea, true, 1e-45::float4)
            ) AS v(n, a, b, c, d, f, m, day, at, raw, yes, r)
            """;
        using var ours = new MemoryStream();

        var rows = await Sql.Source.ExportCsvAsync(
            Request(values + " WHERE n >= @first ORDER BY n") with { Parameters = new Dictionary<string, string> { ["first"] = "1" } },
            Sql.Context(new RunLog()), ours, CancellationToken.None);
        var scratch = TestRun.NewTempDirectory("pgcsv");
        try
        {
            var reference = Path.Combine(scratch, "psql.csv");
            await Psql($"\\copy ({values.ReplaceLineEndings(" ")} ORDER BY n) to '{reference}' csv header");

            Assert.Equal(10, rows);
            Assert.Equal(await File.ReadAllBytesAsync(reference), ours.ToArray());
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task A_lone_end_of_data_marker_in_a_one_column_export_is_quoted_as_psql_quotes_it()
    {
        var values = """SELECT * FROM (VALUES (1, '\.'), (2, 'a\.'), (3, '\.\.')) AS v(n, "\.")""";
        var query = $"SELECT \"\\.\" FROM ({values}) AS t";
        using var ours = new MemoryStream();

        await Sql.Source.ExportCsvAsync(
            Request(query + " WHERE n >= @first ORDER BY n") with { Parameters = new Dictionary<string, string> { ["first"] = "1" } },
            Sql.Context(new RunLog()), ours, CancellationToken.None);
        var scratch = TestRun.NewTempDirectory("pgcsv");
        try
        {
            var reference = Path.Combine(scratch, "psql.csv");
            await Psql($"\\copy ({query} ORDER BY n) to '{reference}' csv header");

            Assert.Equal("\"\\.\"\n\"\\.\"\na\\.\n\\.\\.\n", System.Text.Encoding.UTF8.GetString(ours.ToArray()));
            Assert.Equal(await File.ReadAllBytesAsync(reference), ours.ToArray());
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task Cancelling_the_reader_path_in_the_middle_of_its_rows_ends_it_and_leaves_the_connection_usable()
    {
        // A row every 10 ms for a minute, read with blocking calls: the cancellation has to reach the server.
        var trickle = "SELECT g, pg_sleep(0.01)::text AS slept FROM generate_series(1, 6000) AS g WHERE g >= @first";
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        using var received = new MemoryStream();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sql.Source.ExportCsvAsync(
            Request(trickle) with { TaskTimeoutSeconds = 120, Parameters = new Dictionary<string, string> { ["first"] = "1" } },
            Sql.Context(new RunLog()), received, cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"cancellation took {clock.Elapsed}");
        var after = await Sql.Source.ExportCsvAsync(
            Request("SELECT @one AS one") with { Parameters = new Dictionary<string, string> { ["one"] = "1" } },
            Sql.Context(new RunLog()), Stream.Null, CancellationToken.None);
        Assert.Equal(1, after);
    }

    [Fact]
    public async Task A_destination_that_fails_in_the_middle_of_the_reader_path_fails_the_export_with_its_error()
    {
        await using var failing = new FailingStream(afterBytes: 1 << 20);
        var query = OrdersDatabase.OrdersQuery.Replace("ORDER BY", "WHERE id >= @first ORDER BY", StringComparison.Ordinal);

        var error = await Record.ExceptionAsync(() => Sql.Source.ExportCsvAsync(
            Request(query) with { Parameters = new Dictionary<string, string> { ["first"] = "1" } },
            Sql.Context(new RunLog()), failing, CancellationToken.None));

        Assert.IsType<IOException>(error);
        Assert.Equal(FailingStream.Message, error.Message);
    }

    [Fact]
    public async Task A_statement_without_rows_fails_unless_the_task_allows_it()
    {
        var empty = "SELECT id FROM orders WHERE id < 0";

        var refused = await Assert.ThrowsAsync<SourceException>(() =>
            Sql.Source.ExportCsvAsync(Request(empty), Sql.Context(new RunLog()), Stream.Null, CancellationToken.None));
        using var output = new MemoryStream();
        var rows = await Sql.Source.ExportCsvAsync(Request(empty) with { AllowNoRows = true }, Sql.Context(new RunLog()), output, CancellationToken.None);
        var noResultSet = await Assert.ThrowsAsync<SourceException>(() =>
            Sql.Source.OpenRowsAsync(Request("CREATE TEMP TABLE t_empty (x int)"), Sql.Context(new RunLog()), CancellationToken.None));

        Assert.Contains("no rows", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, rows);
        Assert.Equal("id\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
        Assert.Contains("no result set", noResultSet.Message, StringComparison.Ordinal);
    }

    private SqlQueryRequest Request(string query) => new("postgres", db.ConnectionString, query, RowCountLogInterval: 100_000);

    private static int CountOfDay(DateOnly day)
    {
        var offset = day.DayNumber - new DateOnly(2026, 1, 1).DayNumber;
        return Enumerable.Range(1, OrdersDatabase.Rows).Count(g => g % 365 == offset);
    }

    private Task<string> Psql(string command) =>
        Tool.RunAsync("psql", Path.Combine(db.Server.BinDirectory, "psql"),
            ["-X", "-q", "-h", "127.0.0.1", "-p", $"{db.Server.Port}", "-U", "postgres", "-d", db.Server.Database, "-c", command]);

    private static async Task<string> Sha256(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(file));
    }
}
