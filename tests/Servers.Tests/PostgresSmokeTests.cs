using Courier.Testing;
using Npgsql;

namespace Courier.Servers.Tests;

public sealed class PostgresSmokeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Rows_written_to_the_courier_database_can_be_selected()
    {
        var table = UniqueName.For("t");
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE TABLE {table} AS SELECT g AS n FROM generate_series(1, 100) g", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var select = new NpgsqlCommand($"SELECT current_database(), sum(n) FROM {table}", connection);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Equal(postgres.Database, reader.GetString(0));
        Assert.Equal(5050, reader.GetInt64(1));
    }
}
