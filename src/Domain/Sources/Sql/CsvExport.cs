using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Writes rows as CSV (comma, minimal quoting, LF, header) in the text forms PostgreSQL's own CSV
/// export uses, so both SQL paths give the same file for the common types. This is the generic
/// path for every database; the configurable output formats are the pipeline's job.
/// </summary>
internal static class CsvExport
{
    private const int BufferSize = 1 << 16;
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public static async Task WriteAsync(IRowSource rows, Stream destination, CancellationToken cancellationToken)
    {
        var reader = rows.Reader;
        await using var writer = new StreamWriter(destination, new UTF8Encoding(false), BufferSize, leaveOpen: true);
        var columns = reader.FieldCount;
        var formatters = new Action<DbDataReader, int, TextWriter>[columns];
        for (var i = 0; i < columns; i++)
        {
            WriteText(writer, reader.GetName(i), i);
            formatters[i] = ForType(reader.GetFieldType(i));
        }
        writer.Write('\n');

        while (await rows.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < columns; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }
                if (!reader.IsDBNull(i))
                {
                    formatters[i](reader, i, writer);
                }
            }
            writer.Write('\n');
        }
    }

    private static void WriteText(TextWriter writer, string value, int column)
    {
        if (column > 0)
        {
            writer.Write(',');
        }
        Quoted(writer, value);
    }

    private static void Quoted(TextWriter writer, string value)
    {
        // PostgreSQL quotes an empty string so it differs from NULL; so do we.
        if (value.Length > 0 && value.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private static Action<DbDataReader, int, TextWriter> ForType(Type type)
    {
        if (type == typeof(int))
        {
            return static (r, i, w) => Formatted(w, r.GetInt32(i), default);
        }
        if (type == typeof(long))
        {
            return static (r, i, w) => Formatted(w, r.GetInt64(i), default);
        }
        if (type == typeof(short))
        {
            return static (r, i, w) => Formatted(w, r.GetInt16(i), default);
        }
        if (type == typeof(decimal))
        {
            return static (r, i, w) => Formatted(w, r.GetDecimal(i), default);
        }
        if (type == typeof(double))
        {
            return static (r, i, w) => Formatted(w, r.GetDouble(i), "R");
        }
        if (type == typeof(float))
        {
            return static (r, i, w) => Formatted(w, r.GetFloat(i), "R");
        }
        if (type == typeof(bool))
        {
            return static (r, i, w) => w.Write(r.GetBoolean(i) ? 't' : 'f');
        }
        if (type == typeof(Guid))
        {
            return static (r, i, w) => Formatted(w, r.GetGuid(i), "D");
        }
        if (type == typeof(DateTime))
        {
            return static (r, i, w) => WriteDateTime(w, r.GetDateTime(i));
        }
        if (type == typeof(DateOnly))
        {
            return static (r, i, w) => Formatted(w, r.GetFieldValue<DateOnly>(i), "yyyy-MM-dd");
        }
        if (type == typeof(DateTimeOffset))
        {
            return static (r, i, w) => WriteDateTime(w, r.GetFieldValue<DateTimeOffset>(i).UtcDateTime);
        }
        if (type == typeof(byte[]))
        {
            return static (r, i, w) =>
            {
                w.Write("\\x");
                w.Write(Convert.ToHexStringLower(r.GetFieldValue<byte[]>(i)));
            };
        }
        if (type == typeof(string))
        {
            return static (r, i, w) => Quoted(w, r.GetString(i));
        }
        return static (r, i, w) => Quoted(w, Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? "");
    }

    private static void WriteDateTime(TextWriter writer, DateTime value)
    {
        Formatted(writer, value, value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFF");
        if (value.Kind == DateTimeKind.Utc)
        {
            writer.Write("+00");
        }
    }

    private static void Formatted<T>(TextWriter writer, T value, ReadOnlySpan<char> format)
        where T : ISpanFormattable
    {
        Span<char> buffer = stackalloc char[64];
        if (value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture))
        {
            writer.Write(buffer[..written]);
        }
        else
        {
            writer.Write(value.ToString(format.ToString(), CultureInfo.InvariantCulture));
        }
    }
}
