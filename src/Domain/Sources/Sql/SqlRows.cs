using System.Data.Common;

namespace Courier.Domain.Sources.Sql;

/// <summary>An open query result: the counting reader plus the command and connection it owns.</summary>
internal sealed class SqlRows(DbConnection connection, DbCommand command, CountingDataReader reader) : IRowSource
{
    public DbDataReader Reader => reader;

    public long RowCount => reader.Count;

    public Task<bool> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await reader.DisposeAsync();
        await command.DisposeAsync();
        await connection.DisposeAsync();
    }
}
