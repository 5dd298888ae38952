using System.Data.Common;
using Courier.Domain.Pipeline.Options;

namespace Courier.Domain.Pipeline.Formats;

/// <summary>
/// Writes rows as one file format. Rows are read forward only and written as they come, so memory
/// stays flat whatever the row count. Register one with <c>AddFormat&lt;T&gt;()</c>.
/// </summary>
public interface IOutputFormat
{
    OutputFormat Kind { get; }

    /// <summary>Writes every row of <paramref name="rows"/> to <paramref name="output"/> (left open) and returns the number of data rows, headers excluded.</summary>
    Task<long> WriteAsync(DbDataReader rows, OutputFileOptions options, Stream output, CancellationToken cancellationToken);
}
