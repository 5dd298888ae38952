using System.Data.Common;

namespace Courier.Domain.Sources.Sql;

/// <summary>An open query result: the reader plus the command and connection it owns, counting rows as they are read.</summary>
internal sealed class SqlRows(DbConnection connection, DbCommand command, DbDataReader reader, RowCountLog counter, bool allowNoRows) : IRowSource
{
    private bool _finished;

    public DbDataReader Reader => reader;

    public long RowCount => counter.Count;

    public async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (_finished)
        {
            return false;
        }
        if (await reader.ReadAsync(cancellationToken))
        {
            counter.Add(1);
            return true;
        }
        _finished = true;
        counter.Finish();
        if (counter.Count == 0 && !allowNoRows)
        {
            throw new SourceException("The query returned no rows, and this task does not allow an empty result.");
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await reader.DisposeAsync();
        await command.DisposeAsync();
        await connection.DisposeAsync();
    }
}
