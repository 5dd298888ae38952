using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Courier.Domain.Sources.Sql;

/// <summary>How one column's values are read and written: chosen once from the column's type.</summary>
internal enum CsvValueKind : byte
{
    Other,
    Int32,
    Int64,
    Int16,
    Decimal,
    Double,
    Single,
    Boolean,
    Guid,
    DateTime,
    DateOnly,
    DateTimeOffset,
    Bytes,
    String,
}

/// <summary>
/// Writes a non-null value in the text form PostgreSQL's own CSV export uses, read with the typed
/// getter of its column's kind (no boxing, no type test per value).
/// </summary>
internal static class CsvValues
{
    public static CsvValueKind KindOf(Type type) =>
        type == typeof(int) ? CsvValueKind.Int32
        : type == typeof(long) ? CsvValueKind.Int64
        : type == typeof(short) ? CsvValueKind.Int16
        : type == typeof(decimal) ? CsvValueKind.Decimal
        : type == typeof(double) ? CsvValueKind.Double
        : type == typeof(float) ? CsvValueKind.Single
        : type == typeof(bool) ? CsvValueKind.Boolean
        : type == typeof(Guid) ? CsvValueKind.Guid
        : type == typeof(DateTime) ? CsvValueKind.DateTime
        : type == typeof(DateOnly) ? CsvValueKind.DateOnly
        : type == typeof(DateTimeOffset) ? CsvValueKind.DateTimeOffset
        : type == typeof(byte[]) ? CsvValueKind.Bytes
        : type == typeof(string) ? CsvValueKind.String
        : CsvValueKind.Other;

    // Runs once per value: compiled fully optimised at once instead of warming up through the
    // slower tiers while the first few hundred thousand rows go by.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(DbDataReader reader, int ordinal, CsvValueKind kind, Utf8CsvWriter writer)
    {
        switch (kind)
        {
            case CsvValueKind.Int32:
                writer.Formatted(reader.GetInt32(ordinal), default);
                break;
            case CsvValueKind.Int64:
                writer.Formatted(reader.GetInt64(ordinal), default);
                break;
            case CsvValueKind.Int16:
                writer.Formatted(reader.GetInt16(ordinal), default);
                break;
            case CsvValueKind.Decimal:
                writer.Decimal(reader.GetDecimal(ordinal));
                break;
            case CsvValueKind.Double:
                writer.Double(reader.GetDouble(ordinal));
                break;
            case CsvValueKind.Single:
                writer.Single(reader.GetFloat(ordinal));
                break;
            case CsvValueKind.Boolean:
                writer.Byte(reader.GetBoolean(ordinal) ? (byte)'t' : (byte)'f');
                break;
            case CsvValueKind.Guid:
                writer.Formatted(reader.GetGuid(ordinal), "D");
                break;
            case CsvValueKind.DateTime:
                var dateTime = reader.GetDateTime(ordinal);
                writer.DateTime(dateTime, dateTime.Kind == DateTimeKind.Utc);
                break;
            case CsvValueKind.DateOnly:
                writer.DateOnly(reader.GetFieldValue<DateOnly>(ordinal));
                break;
            case CsvValueKind.DateTimeOffset:
                writer.DateTime(reader.GetFieldValue<DateTimeOffset>(ordinal).UtcDateTime, utc: true);
                break;
            case CsvValueKind.Bytes:
                writer.Text("\\x" + Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(ordinal)));
                break;
            case CsvValueKind.String:
                writer.Text(reader.GetString(ordinal));
                break;
            default:
                writer.Text(Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? "");
                break;
        }
    }
}
