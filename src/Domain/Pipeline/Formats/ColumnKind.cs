using System.Numerics;

namespace Courier.Domain.Pipeline.Formats;

/// <summary>How a column's values are written, decided once from the reader's field type rather than per value.</summary>
internal enum ColumnKind
{
    Text,
    Number,
    Boolean,
    DateTime,
    Date,
    Other,
}

internal static class ColumnKinds
{
    public static ColumnKind Of(Type type) => type switch
    {
        _ when type == typeof(string) || type == typeof(char) || type == typeof(Guid) => ColumnKind.Text,
        _ when type == typeof(bool) => ColumnKind.Boolean,
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => ColumnKind.DateTime,
        _ when type == typeof(DateOnly) => ColumnKind.Date,
        _ when type == typeof(byte) || type == typeof(sbyte) || type == typeof(short) || type == typeof(ushort)
            || type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong)
            || type == typeof(float) || type == typeof(double) || type == typeof(decimal) || type == typeof(BigInteger) => ColumnKind.Number,
        _ => ColumnKind.Other,
    };

    public static ColumnKind[] Of(System.Data.Common.DbDataReader reader) =>
        [.. Enumerable.Range(0, reader.FieldCount).Select(i => Of(reader.GetFieldType(i)))];
}
