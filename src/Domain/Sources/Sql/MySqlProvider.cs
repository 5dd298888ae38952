using System.Data.Common;
using Courier.Domain.Model;
using MySqlConnector;

namespace Courier.Domain.Sources.Sql;

/// <summary>MySQL and MariaDB through MySqlConnector.</summary>
public sealed class MySqlProvider : ISqlProvider
{
    public string Kind => "mysql";

    public DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);

    public string ConnectionString(ConnectionSettings settings, ConnectionSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.ConnectionString ?? new MySqlConnectionStringBuilder
        {
            Server = settings.Host,
            Port = (uint)(settings.Port ?? 3306),
            Database = settings.Database,
            UserID = settings.Username,
            Password = secrets.Password,
            SslMode = settings.UseTls ? MySqlSslMode.Required : MySqlSslMode.Preferred,
        }.ConnectionString;
    }

    public DbParameter CreateTextParameter(string name, string value) => new MySqlParameter(name, value);

    public Task<bool> TryCopyCsvAsync(string connectionString, string sql, Stream destination, int timeoutSeconds, CancellationToken cancellationToken) =>
        Task.FromResult(false);
}
