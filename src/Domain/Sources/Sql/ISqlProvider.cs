using System.Data.Common;
using Courier.Domain.Model;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// One database product behind the SQL source: how to connect and how to bind a parameter.
/// Each provider is one small file, registered with one line (<c>AddSqlProvider&lt;T&gt;()</c>).
/// </summary>
public interface ISqlProvider
{
    /// <summary>The connection kind it serves: <c>postgres</c>, <c>sqlserver</c>, <c>mysql</c>, <c>sqlite</c>.</summary>
    string Kind { get; }

    DbConnection CreateConnection(string connectionString);

    /// <summary>
    /// The connection string of a stored database connection: its own full connection string when
    /// it has one, else one built from the host, port, database, user and password.
    /// </summary>
    string ConnectionString(ConnectionSettings settings, ConnectionSecrets secrets);

    /// <summary>A parameter for a task or project value, which is text; the database decides its type where it can.</summary>
    DbParameter CreateTextParameter(string name, string value);

    /// <summary>
    /// Writes the whole result of <paramref name="sql"/> as CSV with a header using the database's
    /// own export (PostgreSQL's COPY) on a connection of its own, and returns false when the provider
    /// has none, so the caller falls back to reading rows. Only used for queries without parameters:
    /// COPY cannot bind them. A connection failure is a <see cref="SourceException"/>.
    /// </summary>
    Task<bool> TryCopyCsvAsync(string connectionString, string sql, Stream destination, int timeoutSeconds, CancellationToken cancellationToken);
}
