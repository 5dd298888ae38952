using Microsoft.Extensions.Logging;

namespace Courier.Domain.Sources.Sql;

/// <summary>Writes the running row count to the run log every <c>interval</c> rows, and the total at the end.</summary>
internal sealed partial class RowCountLog(ILogger log, int interval)
{
    private readonly int _interval = interval > 0 ? interval : int.MaxValue;
    private long _nextReport = interval > 0 ? interval : long.MaxValue;

    public long Count { get; private set; }

    public void Add(long rows)
    {
        Count += rows;
        // Rows may arrive in bulk (counted per buffer); each multiple of the interval passed is logged as itself.
        while (Count >= _nextReport)
        {
            RowsSoFar(log, _nextReport);
            _nextReport += _interval;
        }
    }

    public void Finish() => RowsTotal(log, Count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Rows} rows so far")]
    private static partial void RowsSoFar(ILogger logger, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Rows} rows in total")]
    private static partial void RowsTotal(ILogger logger, long rows);
}
