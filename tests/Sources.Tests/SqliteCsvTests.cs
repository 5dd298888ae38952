using System.Text;
using Courier.Domain.Sources.Sql;
using Courier.Testing;
using Microsoft.Data.Sqlite;

namespace Courier.Sources.Tests;

/// <summary>
/// The generic CSV path with a provider other than PostgreSQL: SQLite's reader, driven with blocking
/// calls on the export's own thread, gives each storage class its usual text.
/// </summary>
public sealed class SqliteCsvTests
{
    [Fact]
    public async Task A_SQLite_table_exports_with_every_storage_class_and_its_edge_values()
    {
        var scratch = TestRun.NewTempDirectory("sqlitecsv");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(scratch, "edge.db"), Pooling = false }.ConnectionString;
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var create = connection.CreateCommand();
                create.CommandText = """
                    CREATE TABLE edge (n INTEGER, t TEXT, r REAL, b BLOB);
                    INSERT INTO edge VALUES
                      (-9223372036854775808, 'a,b "c"' || char(10) || 'd', 0.1, x''),
                      (9223372036854775807, '', -0.5, x'00ff10'),
                      (NULL, 'héllo ✓ 𝄞', NULL, NULL),
                      (0, NULL, 2.5, x'de'),
                      (1, ' plain ', 123456789012345.0, x'ad');
                    """;
                await create.ExecuteNonQueryAsync();
            }
            using var output = new MemoryStream();

            var rows = await Sql.Source.ExportCsvAsync(
                new SqlQueryRequest("sqlite", connectionString, "SELECT n, t, r, b FROM edge WHERE n IS NULL OR n >= @low ORDER BY rowid",
                    Parameters: new Dictionary<string, string> { ["low"] = "-9223372036854775808" }),
                Sql.Context(new RunLog()), output, CancellationToken.None);

            Assert.Equal(5, rows);
            Assert.Equal(
                "n,t,r,b\n" +
                "-9223372036854775808,\"a,b \"\"c\"\"\nd\",0.1,\\x\n" +
                "9223372036854775807,\"\",-0.5,\\x00ff10\n" +
                ",héllo ✓ 𝄞,,\n" +
                "0,,2.5,\\xde\n" +
                "1, plain ,123456789012345,\\xad\n",
                Encoding.UTF8.GetString(output.ToArray()));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(scratch, recursive: true);
        }
    }
}
