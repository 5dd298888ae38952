using System.Buffers;
using System.Data.Common;
using System.Numerics;
using System.Text.Json;
using Courier.Domain.Pipeline.Options;

namespace Courier.Domain.Pipeline.Formats;

/// <summary>JSON Lines: one UTF-8 JSON object per row, keyed by column name, each followed by LF.</summary>
public sealed class JsonLinesFormat : IOutputFormat
{
    private const int BufferSize = 1 << 16;
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };
    private static readonly byte[] NewLine = [(byte)'\n'];

    public OutputFormat Kind => OutputFormat.JsonLines;

    public async Task<long> WriteAsync(DbDataReader rows, OutputFileOptions options, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(output);
        // Rows collect in one buffer that reaches the steps in ~64 KB writes; the output stays open for the caller.
        var buffer = new ArrayBufferWriter<byte>(BufferSize * 2);
        await using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        var names = Enumerable.Range(0, rows.FieldCount).Select(i => JsonEncodedText.Encode(rows.GetName(i))).ToArray();
        long count = 0;
        while (await rows.ReadAsync(cancellationToken))
        {
            count++;
            writer.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                writer.WritePropertyName(names[i]);
                WriteValue(writer, rows.GetValue(i));
            }
            writer.WriteEndObject();
            writer.Flush();
            buffer.Write(NewLine);
            writer.Reset();
            if (buffer.WrittenCount >= BufferSize)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        return count;
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case DBNull or null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int n: writer.WriteNumberValue(n); break;
            case long n: writer.WriteNumberValue(n); break;
            case short n: writer.WriteNumberValue(n); break;
            case byte n: writer.WriteNumberValue(n); break;
            case sbyte n: writer.WriteNumberValue(n); break;
            case ushort n: writer.WriteNumberValue(n); break;
            case uint n: writer.WriteNumberValue(n); break;
            case ulong n: writer.WriteNumberValue(n); break;
            case decimal n: writer.WriteNumberValue(n); break;
            case float n when float.IsFinite(n): writer.WriteNumberValue(n); break;
            case double n when double.IsFinite(n): writer.WriteNumberValue(n); break;
            case BigInteger n: writer.WriteRawValue(n.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case DateTime d: writer.WriteStringValue(d); break;
            case DateTimeOffset d: writer.WriteStringValue(d); break;
            case Guid g: writer.WriteStringValue(g); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            default: writer.WriteStringValue(ValueText.Format(value, "O")); break;
        }
    }
}
