using Courier.Domain.Sources.Sql;
using Courier.Domain.Sources.Sql.PgWire;

namespace Courier.Sources.Tests;

/// <summary>
/// The binary COPY behind the PostgreSQL fast path: for every type it prints itself, the bytes must be
/// the server's own CSV, edge values included; for a type or session setting it does not cover, the
/// server's CSV is used as it is.
/// </summary>
public sealed class PgBinaryCopyTests(PasswordDatabase db) : IClassFixture<PasswordDatabase>
{
    private const string EdgeValues =
        """
        SELECT * FROM unnest(
          ARRAY['-32768', '0', '32767', '7']::int2[],
          ARRAY['-2147483648', '2147483647', '0', '42']::int4[],
          ARRAY['-9223372036854775808', '9223372036854775807', '0', '-1']::int8[],
          ARRAY['t', 'f']::bool[],
          ARRAY['0', '-0', '1e15', '1e14', '123456789012345680', '1e-5', '0.0001', '0.1', '0.3333333333333333', '-1.5e-300',
                'NaN', 'Infinity', '-Infinity', '5e-324', '1.7976931348623157e308', '100', '2.5', '1e22', '-123.456']::float8[],
          ARRAY['0', '-0', '1e6', '123456', '1234567', '1e-5', '0.0001', '0.1', '0.33333334', '1e-45', '3.4028235e38', 'NaN',
                'Infinity', '-Infinity', '-2.5']::float4[],
          ARRAY['0', '-0.5', '123.4500', '0.00000000000000000001', '12345678901234567890123456789.123', 'NaN', 'Infinity',
                '-Infinity', '10000', '100000000', '0.0001', '-9999.9999', '1e30', '5', '0.000', '-0.0001234']::numeric[],
          ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']::uuid[],
          ARRAY['2026-03-01', '0001-01-01', '0001-12-31 BC', '4713-01-01 BC', '5874897-12-31', 'infinity', '-infinity',
                '2000-02-29', '1900-03-01', '1970-01-01', '1999-12-31']::date[],
          ARRAY['2026-01-01 00:00:01.5', '1999-12-31 23:59:59.999999', '0044-03-15 12:00:00 BC', '294276-12-31 23:59:59.999999',
                'infinity', '-infinity', '1970-01-01 00:00:00', '1899-12-31 23:59:59.000001', '10000-01-01 00:00:00',
                '2000-01-01 00:00:00', '1969-12-31 23:59:59.9']::timestamp[],
          ARRAY['2026-01-01 00:00:01.5+00', '1999-12-31 23:59:59.999999+00', '0044-03-15 12:00:00+00 BC', '294276-12-31 23:59:59.999999+00',
                'infinity', '-infinity', '1970-01-01 00:00:00+00', '1899-12-31 23:59:59.000001+00', '2026-06-30 12:34:56.789+02']::timestamptz[],
          ARRAY['', 'plain', 'a,b', 'say "hi"', E'line\nbreak', E'cr\r', '\.', 'ünïcödé', '"', ' spaced ', NULL]::text[],
          ARRAY['short', 'x,y']::varchar(10)[],
          ARRAY['ab', 'abcde']::char(5)[],
          ARRAY['pg_class']::name[]
        ) AS v(i2, i4, i8, b, f, r, n, u, d, ts, tz, "odd, name", vc, bc, nm)
        """;

    [Fact]
    public async Task Every_type_printed_from_binary_matches_the_servers_CSV_edge_values_included()
    {
        var (binary, usedBinary) = await Export(db.ConnectionString("postgres", null) + ";Timezone=UTC", EdgeValues);

        Assert.True(usedBinary);
        Assert.Equal(await ServerCsv(db.ConnectionString("postgres", null) + ";Timezone=UTC", EdgeValues), binary);
        Assert.StartsWith("i2,i4,i8,b,f,r,n,u,d,ts,tz,\"odd, name\",vc,bc,nm\n-32768,-2147483648,", binary, StringComparison.Ordinal);
    }

    [Theory]
    // The end-of-data marker alone on a line is quoted only in a one-column export.
    [InlineData("SELECT v FROM unnest(ARRAY['\\.', 'x', '']) AS v")]
    // A row larger than the 1 MB block waits whole and goes out in pieces.
    [InlineData("SELECT g, repeat('ab,\"', 400000 * g) AS big FROM generate_series(1, 3) AS g")]
    // No rows: the header alone.
    [InlineData("SELECT 1 AS one WHERE false")]
    public async Task Rows_print_as_the_servers_CSV(string query)
    {
        var (binary, usedBinary) = await Export(db.ConnectionString("postgres", null), query);

        Assert.True(usedBinary);
        Assert.Equal(await ServerCsv(db.ConnectionString("postgres", null), query), binary);
    }

    [Theory]
    // A time zone with an offset: the server's text depends on its zone rules.
    [InlineData(";Timezone=Europe/Paris", "SELECT timestamptz '2026-06-30 12:00:00+00' AS at, 1 AS one")]
    // Types without a binary printer here.
    [InlineData("", "SELECT 1.5::float8 AS f8, interval '1 day' AS i, '{\"a\": 1}'::jsonb AS j")]
    // Dates in another style.
    [InlineData(";Options=-c DateStyle=German", "SELECT date '2026-03-01' AS d")]
    public async Task A_type_or_setting_it_cannot_print_keeps_the_servers_CSV(string settings, string query)
    {
        var connectionString = db.ConnectionString("postgres", null) + settings;

        var (text, usedBinary) = await Export(connectionString, query);

        Assert.False(usedBinary);
        Assert.Equal(await ServerCsv(connectionString, query), text);
    }

    private static async Task<(string Csv, bool UsedBinary)> Export(string connectionString, string query)
    {
        var source = new PgWireCopyOut(PgWireSettings.From(connectionString)!, Copy(query), query);
        return (await Drain(source), source.RowsInBinary);
    }

    /// <summary>The server's own CSV, read by the same client without the query (so without binary).</summary>
    private static Task<string> ServerCsv(string connectionString, string query) =>
        Drain(new PgWireCopyOut(PgWireSettings.From(connectionString)!, Copy(query)));

    private static string Copy(string query) => $"COPY (\n{query}\n) TO STDOUT WITH (FORMAT csv, HEADER)";

    private static async Task<string> Drain(PgWireCopyOut source)
    {
        using var output = new MemoryStream();
        await CopyPump.PumpAsync(source, output, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}
