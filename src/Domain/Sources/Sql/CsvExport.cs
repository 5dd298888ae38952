using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Writes rows as CSV (comma, minimal quoting, LF, header) in the text forms PostgreSQL's own CSV
/// export uses, so both SQL paths give the same file for the common types. This is the generic
/// path for every database; the configurable output formats are the pipeline's job. Rows are read
/// with blocking calls on a <see cref="BlockPump"/> thread, which costs less CPU per row than an
/// awaited read and overlaps formatting with writing; each column's kind is chosen once.
/// </summary>
internal static class CsvExport
{
    public static Task WriteAsync(SqlRows rows, Stream destination, CancellationToken cancellationToken) =>
        BlockPump.PumpAsync(handOver => WriteAll(rows, handOver), rows.Cancel, destination, cancellationToken);

    private static void WriteAll(SqlRows rows, BlockHandOver handOver)
    {
        // Rows are counted by Read on the counting reader; values are read from the reader underneath.
        var counting = rows.Reader;
        var values = rows.Values;
        using var writer = new Utf8CsvWriter(handOver) { QuoteEndOfDataMarker = values.FieldCount == 1 };
        var kinds = new CsvValueKind[values.FieldCount];
        for (var i = 0; i < kinds.Length; i++)
        {
            if (i > 0)
            {
                writer.Byte((byte)',');
            }
            writer.Text(values.GetName(i));
            kinds[i] = CsvValues.KindOf(values.GetFieldType(i));
        }
        writer.EndRow();
        WriteRows(counting, values, kinds, writer);
        writer.Finish();
    }

    // One call runs the whole export: compiled fully optimised at once rather than entered at the
    // lowest tier and patched mid-loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteRows(DbDataReader counting, DbDataReader values, CsvValueKind[] kinds, Utf8CsvWriter writer)
    {
        while (counting.Read())
        {
            for (var i = 0; i < kinds.Length; i++)
            {
                if (i > 0)
                {
                    writer.Byte((byte)',');
                }
                if (!values.IsDBNull(i))
                {
                    CsvValues.Write(values, i, kinds[i], writer);
                }
            }
            writer.EndRow();
        }
    }
}
