using System.Data.Common;
using Courier.Domain.Model;
using Microsoft.Data.Sqlite;

namespace Courier.Domain.Sources.Sql;

/// <summary>SQLite files through Microsoft.Data.Sqlite.</summary>
public sealed class SqliteProvider : ISqlProvider
{
    public string Kind => "sqlite";

    public DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    // The database setting is the file's path.
    public string ConnectionString(ConnectionSettings settings, ConnectionSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.ConnectionString ?? new SqliteConnectionStringBuilder
        {
            DataSource = settings.Database,
        }.ConnectionString;
    }

    public DbParameter CreateTextParameter(string name, string value) => new SqliteParameter(name, value);

    public Task<bool> TryCopyCsvAsync(string connectionString, string sql, Stream destination, int timeoutSeconds, CancellationToken cancellationToken) =>
        Task.FromResult(false);
}
