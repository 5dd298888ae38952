using System.Data.Common;
using System.Globalization;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Writes rows as CSV (comma, minimal quoting, LF, header) in the text forms PostgreSQL's own CSV
/// export uses, so both SQL paths give the same file for the common types. This is the generic
/// path for every database; the configurable output formats are the pipeline's job. Each column's
/// formatter is chosen once from its type and reads it with the typed getter (no boxing).
/// </summary>
internal static class CsvExport
{
    public static async Task WriteAsync(IRowSource rows, Stream destination, CancellationToken cancellationToken)
    {
        // Rows are counted by ReadAsync on the counting reader; values are read from the reader underneath.
        var reader = rows.Reader is CountingDataReader counting ? counting.Inner : rows.Reader;
        using var writer = new Utf8CsvWriter(destination);
        var columns = reader.FieldCount;
        var formatters = new Action<DbDataReader, int, Utf8CsvWriter>[columns];
        for (var i = 0; i < columns; i++)
        {
            if (i > 0)
            {
                writer.Byte((byte)',');
            }
            writer.Text(reader.GetName(i));
            formatters[i] = ForType(reader.GetFieldType(i));
        }
        writer.Byte((byte)'\n');

        while (await rows.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < columns; i++)
            {
                if (i > 0)
                {
                    writer.Byte((byte)',');
                }
                if (!reader.IsDBNull(i))
                {
                    formatters[i](reader, i, writer);
                }
            }
            writer.Byte((byte)'\n');
            if (writer.ShouldFlush)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
        await writer.FlushAsync(cancellationToken);
    }

    private static Action<DbDataReader, int, Utf8CsvWriter> ForType(Type type)
    {
        if (type == typeof(int))
        {
            return static (r, i, w) => w.Formatted(r.GetInt32(i), default);
        }
        if (type == typeof(long))
        {
            return static (r, i, w) => w.Formatted(r.GetInt64(i), default);
        }
        if (type == typeof(short))
        {
            return static (r, i, w) => w.Formatted(r.GetInt16(i), default);
        }
        if (type == typeof(decimal))
        {
            return static (r, i, w) => w.Formatted(r.GetDecimal(i), default);
        }
        if (type == typeof(double))
        {
            return static (r, i, w) => w.Formatted(r.GetDouble(i), "R");
        }
        if (type == typeof(float))
        {
            return static (r, i, w) => w.Formatted(r.GetFloat(i), "R");
        }
        if (type == typeof(bool))
        {
            return static (r, i, w) => w.Byte(r.GetBoolean(i) ? (byte)'t' : (byte)'f');
        }
        if (type == typeof(Guid))
        {
            return static (r, i, w) => w.Formatted(r.GetGuid(i), "D");
        }
        if (type == typeof(DateTime))
        {
            return static (r, i, w) =>
            {
                var value = r.GetDateTime(i);
                w.DateTime(value, value.Kind == DateTimeKind.Utc);
            };
        }
        if (type == typeof(DateOnly))
        {
            return static (r, i, w) => w.DateOnly(r.GetFieldValue<DateOnly>(i));
        }
        if (type == typeof(DateTimeOffset))
        {
            return static (r, i, w) => w.DateTime(r.GetFieldValue<DateTimeOffset>(i).UtcDateTime, utc: true);
        }
        if (type == typeof(byte[]))
        {
            return static (r, i, w) => w.Text("\\x" + Convert.ToHexStringLower(r.GetFieldValue<byte[]>(i)));
        }
        if (type == typeof(string))
        {
            return static (r, i, w) => w.Text(r.GetString(i));
        }
        return static (r, i, w) => w.Text(Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? "");
    }
}
