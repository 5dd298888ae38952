using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;

namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>
/// Writes a value received in PostgreSQL's binary form as the server's own text output would print it
/// in a CSV COPY, for the session settings <see cref="PgBinaryColumns"/> admits (ISO dates, a UTC time
/// zone, shortest floats). Each method returns the bytes written; the caller has made room for
/// <see cref="MaxLength"/>.
/// </summary>
internal static class PgBinaryText
{
    private const long MicrosecondsPerDay = 86_400_000_000;
    private const int DaysFrom1970To2000 = 10_957;
    private static readonly SearchValues<byte> NeedsQuotes = SearchValues.Create(",\"\r\n"u8);

    /// <summary>The most bytes the value can take in the CSV.</summary>
    public static int MaxLength(PgColumnKind kind, ReadOnlySpan<byte> value) => kind switch
    {
        // Each quote doubled, and the two around it.
        PgColumnKind.Text => 2 * value.Length + 2,
        // Sign, the integer part (four digits per base-10000 group), the point and the scale.
        PgColumnKind.Numeric => 16 + 4 * Math.Max(BinaryPrimitives.ReadInt16BigEndian(value[2..]) + 1, 1) + BinaryPrimitives.ReadUInt16BigEndian(value[6..]),
        _ => 48,
    };

    public static int Write(PgColumnKind kind, ReadOnlySpan<byte> value, Span<byte> destination, bool oneColumn) => kind switch
    {
        PgColumnKind.Text => Text(value, destination, oneColumn),
        PgColumnKind.Int16 => Integer(BinaryPrimitives.ReadInt16BigEndian(value), destination),
        PgColumnKind.Int32 => Integer(BinaryPrimitives.ReadInt32BigEndian(value), destination),
        PgColumnKind.Int64 => Integer(BinaryPrimitives.ReadInt64BigEndian(value), destination),
        PgColumnKind.Boolean => Boolean(value, destination),
        PgColumnKind.Float4 => Single(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32BigEndian(value)), destination),
        PgColumnKind.Float8 => Float8(value, destination),
        PgColumnKind.Numeric => Numeric(value, destination),
        PgColumnKind.Uuid => Uuid(value, destination),
        PgColumnKind.Date => Date(value, destination),
        PgColumnKind.Timestamp => Timestamp(value, destination, utc: false),
        PgColumnKind.TimestampTz => Timestamp(value, destination, utc: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Quoted when it holds a comma, quote or line break, or is empty (so it differs from NULL); in a
    /// one-column export also when it is <c>\.</c>, which would read back as the end-of-data marker.
    /// </summary>
    public static int Text(ReadOnlySpan<byte> value, Span<byte> destination, bool oneColumn)
    {
        if (value.Length > 0 && value.IndexOfAny(NeedsQuotes) < 0 && !(oneColumn && value.SequenceEqual(@"\."u8)))
        {
            value.CopyTo(destination);
            return value.Length;
        }
        var position = 0;
        destination[position++] = (byte)'"';
        int quote;
        while ((quote = value.IndexOf((byte)'"')) >= 0)
        {
            value[..(quote + 1)].CopyTo(destination[position..]);
            position += quote + 1;
            destination[position++] = (byte)'"';
            value = value[(quote + 1)..];
        }
        value.CopyTo(destination[position..]);
        position += value.Length;
        destination[position++] = (byte)'"';
        return position;
    }

    private static int Integer(long value, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(value, destination, out var written);
        return written;
    }

    private static int Boolean(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        destination[0] = value[0] != 0 ? (byte)'t' : (byte)'f';
        return 1;
    }

    /// <summary>
    /// The shortest round-trip digits (.NET's <c>R</c>), laid out as PostgreSQL 12 and later print them:
    /// plain notation for decimal exponents from -4 to 14, else <c>1.5e+15</c> (.NET keeps plain notation up to 1e15).
    /// </summary>
    /// <remarks>Also the generic reader path's form for doubles (<see cref="Utf8CsvWriter.Double"/>).</remarks>
    private static int Float8(ReadOnlySpan<byte> value, Span<byte> destination) =>
        Double(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(value)), destination);

    /// <inheritdoc cref="Float8"/>
    public static int Double(double number, Span<byte> destination) =>
        double.IsFinite(number) ? Shortest(number, plainBelow: 15, destination) : NonFinite(double.IsNaN(number), number > 0, destination);

    /// <summary>
    /// A real (float4) as PostgreSQL 12 and later print it: the shortest round-trip digits, plain for decimal
    /// exponents from -4 to 5, else <c>1e+06</c> (PostgreSQL's threshold follows printf's <c>%g</c> at 6 digits).
    /// </summary>
    public static int Single(float number, Span<byte> destination) =>
        float.IsFinite(number) ? Shortest(number, plainBelow: 6, destination) : NonFinite(float.IsNaN(number), number > 0, destination);

    private static int NonFinite(bool isNaN, bool positive, Span<byte> destination)
    {
        var special = isNaN ? "NaN"u8 : positive ? "Infinity"u8 : "-Infinity"u8;
        special.CopyTo(destination);
        return special.Length;
    }

    /// <summary>.NET's shortest round-trip digits of <paramref name="number"/>, laid out plain for decimal exponents from -4 up to <paramref name="plainBelow"/> (exclusive), else with an exponent of at least two digits.</summary>
    private static int Shortest<T>(T number, int plainBelow, Span<byte> destination)
        where T : IUtf8SpanFormattable
    {
        Span<byte> text = stackalloc byte[32];
        number.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        text = text[..length];
        var position = 0;
        if (text[0] == '-')
        {
            destination[position++] = (byte)'-';
            text = text[1..];
        }
        var exponentAt = text.IndexOf((byte)'E');
        var exponent = 0;
        if (exponentAt >= 0)
        {
            // "E+20" or "E-05".
            foreach (var digit in text[(exponentAt + 2)..])
            {
                exponent = exponent * 10 + digit - '0';
            }
            if (text[exponentAt + 1] == '-')
            {
                exponent = -exponent;
            }
            text = text[..exponentAt];
        }
        // The significant digits, and how many of them stand before the decimal point.
        Span<byte> digits = stackalloc byte[32];
        var count = 0;
        var point = text.IndexOf((byte)'.') is var dot and >= 0 ? dot : text.Length;
        point += exponent;
        foreach (var character in text)
        {
            if (character == '.')
            {
                continue;
            }
            if (count == 0 && character == '0')
            {
                point--;
                continue;
            }
            digits[count++] = character;
        }
        while (count > 0 && digits[count - 1] == '0')
        {
            count--;
        }
        if (count == 0)
        {
            destination[position++] = (byte)'0';
            return position;
        }
        digits = digits[..count];
        var scientific = point - 1;
        if (scientific >= -4 && scientific < plainBelow)
        {
            return position + Plain(digits, point, destination[position..]);
        }
        destination[position++] = digits[0];
        if (count > 1)
        {
            destination[position++] = (byte)'.';
            digits[1..].CopyTo(destination[position..]);
            position += count - 1;
        }
        destination[position++] = (byte)'e';
        destination[position++] = scientific < 0 ? (byte)'-' : (byte)'+';
        Utf8Formatter.TryFormat(Math.Abs(scientific), destination[position..], out var written, new StandardFormat('D', 2));
        return position + written;
    }

    /// <summary>Digits with the decimal point after <paramref name="point"/> of them (before them when negative).</summary>
    private static int Plain(ReadOnlySpan<byte> digits, int point, Span<byte> destination)
    {
        if (point <= 0)
        {
            "0."u8.CopyTo(destination);
            destination.Slice(2, -point).Fill((byte)'0');
            digits.CopyTo(destination[(2 - point)..]);
            return 2 - point + digits.Length;
        }
        if (digits.Length <= point)
        {
            digits.CopyTo(destination);
            destination[digits.Length..point].Fill((byte)'0');
            return point;
        }
        digits[..point].CopyTo(destination);
        destination[point] = (byte)'.';
        digits[point..].CopyTo(destination[(point + 1)..]);
        return digits.Length + 1;
    }

    /// <summary>Base-10000 digit groups printed as PostgreSQL's <c>numeric_out</c> does: exactly the value's display scale.</summary>
    private static int Numeric(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        int groups = BinaryPrimitives.ReadInt16BigEndian(value);
        int weight = BinaryPrimitives.ReadInt16BigEndian(value[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(value[4..]);
        int scale = BinaryPrimitives.ReadUInt16BigEndian(value[6..]);
        var special = sign switch
        {
            0xC000 => "NaN"u8,
            0xD000 => "Infinity"u8,
            0xF000 => "-Infinity"u8,
            _ => default,
        };
        if (!special.IsEmpty)
        {
            special.CopyTo(destination);
            return special.Length;
        }
        var digits = value[8..];
        var position = 0;
        if (sign == 0x4000)
        {
            destination[position++] = (byte)'-';
        }
        if (weight < 0)
        {
            destination[position++] = (byte)'0';
        }
        for (var index = 0; index <= weight; index++)
        {
            var group = Group(digits, groups, index);
            if (index == 0)
            {
                position += Integer(group, destination[position..]);
            }
            else
            {
                Four(destination[position..], group);
                position += 4;
            }
        }
        if (scale > 0)
        {
            destination[position++] = (byte)'.';
            Span<byte> four = stackalloc byte[4];
            for (var index = weight + 1; scale > 0; index++)
            {
                Four(four, Group(digits, groups, index));
                var taken = Math.Min(4, scale);
                four[..taken].CopyTo(destination[position..]);
                position += taken;
                scale -= taken;
            }
        }
        return position;
    }

    /// <summary>A base-10000 group; those outside the stored ones are zero.</summary>
    private static int Group(ReadOnlySpan<byte> digits, int groups, int index) =>
        index >= 0 && index < groups ? BinaryPrimitives.ReadInt16BigEndian(digits[(2 * index)..]) : 0;

    private static int Uuid(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var position = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                destination[position++] = (byte)'-';
            }
            destination[position++] = (byte)"0123456789abcdef"[value[i] >> 4];
            destination[position++] = (byte)"0123456789abcdef"[value[i] & 0xF];
        }
        return position;
    }

    /// <summary>Days since 2000-01-01, as <c>yyyy-MM-dd</c> (<c>BC</c> after years before 1).</summary>
    private static int Date(ReadOnlySpan<byte> value, Span<byte> destination) =>
        Date(BinaryPrimitives.ReadInt32BigEndian(value), destination);

    /// <inheritdoc cref="Date(ReadOnlySpan{byte}, Span{byte})"/>
    /// <remarks>Also the generic reader path's form for dates (<see cref="Utf8CsvWriter.DateOnly"/>).</remarks>
    public static int Date(int days, Span<byte> destination)
    {
        if (days is int.MaxValue or int.MinValue)
        {
            return Infinity(days == int.MaxValue, destination);
        }
        var (year, month, day) = Civil(days + DaysFrom1970To2000);
        var position = YearMonthDay(year, month, day, destination);
        return position + Era(year, destination[position..]);
    }

    /// <summary>Microseconds since 2000-01-01 00:00, as <c>yyyy-MM-dd HH:mm:ss</c> and the fraction without trailing zeros.</summary>
    private static int Timestamp(ReadOnlySpan<byte> value, Span<byte> destination, bool utc) =>
        Timestamp(BinaryPrimitives.ReadInt64BigEndian(value), destination, utc);

    /// <inheritdoc cref="Timestamp(ReadOnlySpan{byte}, Span{byte}, bool)"/>
    /// <remarks>Also the generic reader path's form for timestamps (<see cref="Utf8CsvWriter.DateTime"/>).</remarks>
    public static int Timestamp(long microseconds, Span<byte> destination, bool utc)
    {
        if (microseconds is long.MaxValue or long.MinValue)
        {
            return Infinity(microseconds == long.MaxValue, destination);
        }
        var days = Math.DivRem(microseconds, MicrosecondsPerDay, out var time);
        if (time < 0)
        {
            days--;
            time += MicrosecondsPerDay;
        }
        var (year, month, day) = Civil(days + DaysFrom1970To2000);
        var position = YearMonthDay(year, month, day, destination);
        var seconds = (int)(time / 1_000_000);
        destination[position++] = (byte)' ';
        Two(destination[position..], seconds / 3600);
        destination[position + 2] = (byte)':';
        Two(destination[(position + 3)..], seconds / 60 % 60);
        destination[position + 5] = (byte)':';
        Two(destination[(position + 6)..], seconds % 60);
        position += 8;
        var fraction = (int)(time % 1_000_000);
        if (fraction > 0)
        {
            destination[position++] = (byte)'.';
            var digits = 6;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            for (var i = digits - 1; i >= 0; i--)
            {
                destination[position + i] = (byte)('0' + fraction % 10);
                fraction /= 10;
            }
            position += digits;
        }
        if (utc)
        {
            "+00"u8.CopyTo(destination[position..]);
            position += 3;
        }
        return position + Era(year, destination[position..]);
    }

    private static int Infinity(bool positive, Span<byte> destination)
    {
        var text = positive ? "infinity"u8 : "-infinity"u8;
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's civil_from_days); year 0 is 1 BC.</summary>
    private static (long Year, int Month, int Day) Civil(long days)
    {
        days += 719_468;
        var era = (days >= 0 ? days : days - 146_096) / 146_097;
        var dayOfEra = days - era * 146_097;
        var yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        var dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        var shiftedMonth = (5 * dayOfYear + 2) / 153;
        var day = (int)(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        var month = (int)(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
    }

    /// <summary>The year with at least four digits (as a BC year when before 1), then <c>-MM-dd</c>.</summary>
    private static int YearMonthDay(long year, int month, int day, Span<byte> destination)
    {
        var shown = year > 0 ? year : 1 - year;
        Utf8Formatter.TryFormat(shown, destination, out var position, new StandardFormat('D', 4));
        destination[position] = (byte)'-';
        Two(destination[(position + 1)..], month);
        destination[position + 3] = (byte)'-';
        Two(destination[(position + 4)..], day);
        return position + 6;
    }

    private static int Era(long year, Span<byte> destination)
    {
        if (year > 0)
        {
            return 0;
        }
        " BC"u8.CopyTo(destination);
        return 3;
    }

    private static void Two(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + value / 10);
        destination[1] = (byte)('0' + value % 10);
    }

    private static void Four(Span<byte> destination, int value)
    {
        Two(destination, value / 100);
        Two(destination[2..], value % 100);
    }
}
