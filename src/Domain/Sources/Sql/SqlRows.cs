using System.Data.Common;

namespace Courier.Domain.Sources.Sql;

/// <summary>An open query result: the counting reader plus the command and connection it owns.</summary>
internal sealed class SqlRows(DbConnection connection, DbCommand command, CountingDataReader reader) : IRowSource
{
    public DbDataReader Reader => reader;

    /// <summary>The provider's reader underneath, for reading values without the pass-through call.</summary>
    public DbDataReader Values => reader.Inner;

    public long RowCount => reader.Count;

    public Task<bool> ReadAsync(CancellationToken cancellationToken) => reader.ReadAsync(cancellationToken);

    /// <summary>Asks the database to stop the query, so that a read blocked on it returns; safe from any thread.</summary>
    public void Cancel() => command.Cancel();

    public async ValueTask DisposeAsync()
    {
        await reader.DisposeAsync();
        await command.DisposeAsync();
        await connection.DisposeAsync();
    }
}
