using System.Data.Common;
using MySqlConnector;

namespace Courier.Domain.Sources.Sql;

/// <summary>MySQL and MariaDB through MySqlConnector.</summary>
public sealed class MySqlProvider : ISqlProvider
{
    public string Kind => "mysql";

    public DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);

    public DbParameter CreateTextParameter(string name, string value) => new MySqlParameter(name, value);

    public Task<bool> TryCopyCsvAsync(DbConnection connection, string sql, Stream destination, int timeoutSeconds, CancellationToken cancellationToken) =>
        Task.FromResult(false);
}
