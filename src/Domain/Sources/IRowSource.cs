using System.Data.Common;

namespace Courier.Domain.Sources;

/// <summary>
/// Rows streamed from a source, one at a time: the output formats read <see cref="Reader"/>
/// (a forward-only <see cref="DbDataReader"/>) and never hold more than the current row. Reading
/// through either <see cref="Reader"/> or <see cref="ReadAsync"/> counts the row and logs the running
/// count. Disposing it closes the reader and the connection behind it.
/// </summary>
public interface IRowSource : IAsyncDisposable
{
    DbDataReader Reader { get; }

    /// <summary>Moves to the next row, counting it (and logging the running count every N rows).</summary>
    Task<bool> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Rows read so far.</summary>
    long RowCount { get; }
}
