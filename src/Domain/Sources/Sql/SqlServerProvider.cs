using System.Data.Common;
using Courier.Domain.Model;
using Microsoft.Data.SqlClient;

namespace Courier.Domain.Sources.Sql;

/// <summary>Microsoft SQL Server through Microsoft.Data.SqlClient.</summary>
public sealed class SqlServerProvider : ISqlProvider
{
    public string Kind => "sqlserver";

    public DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    public string ConnectionString(ConnectionSettings settings, ConnectionSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.ConnectionString ?? new SqlConnectionStringBuilder
        {
            DataSource = settings.Port is { } port ? $"{settings.Host},{port}" : settings.Host,
            InitialCatalog = settings.Database ?? "",
            UserID = settings.Username ?? "",
            Password = secrets.Password ?? "",
            Encrypt = settings.UseTls ? SqlConnectionEncryptOption.Mandatory : SqlConnectionEncryptOption.Optional,
        }.ConnectionString;
    }

    public DbParameter CreateTextParameter(string name, string value) =>
        new SqlParameter(name, System.Data.SqlDbType.NVarChar, Math.Max(value?.Length ?? 0, 1)) { Value = value };

    public Task<bool> TryCopyCsvAsync(string connectionString, string sql, Stream destination, int timeoutSeconds, CancellationToken cancellationToken) =>
        Task.FromResult(false);
}
