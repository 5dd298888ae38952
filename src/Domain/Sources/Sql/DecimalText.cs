using System.Runtime.CompilerServices;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// A decimal in the text <see cref="decimal.ToString()"/> gives under the invariant culture (every
/// digit of its scale, trailing zeros kept, no exponent), written as UTF-8. The general number
/// formatter parses a format and goes through a digit buffer and rounding for each value; an
/// exported numeric column has one per row, so this does only the plain conversion.
/// </summary>
internal static class DecimalText
{
    /// <summary>The longest text: a sign, 29 digits, a point and a leading zero.</summary>
    public const int MaxLength = 32;

    private const uint Billion = 1_000_000_000;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Write(decimal value, Span<byte> destination)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        var low = (uint)parts[0];
        var middle = (uint)parts[1];
        var high = (uint)parts[2];
        var scale = (parts[3] >> 16) & 0xFF;
        // A negative zero prints as zero, as decimal.ToString() prints it.
        var negative = parts[3] < 0 && (low | middle | high) != 0;

        // The 96-bit coefficient's digits, from the right: nine at a time while it needs more than 32 bits.
        Span<byte> digits = stackalloc byte[MaxLength];
        var start = MaxLength;
        while (high != 0 || middle != 0)
        {
            var rest = (ulong)high;
            high = (uint)(rest / Billion);
            rest = (rest % Billion) << 32 | middle;
            middle = (uint)(rest / Billion);
            rest = (rest % Billion) << 32 | low;
            low = (uint)(rest / Billion);
            var nine = (uint)(rest % Billion);
            for (var i = 0; i < 9; i++)
            {
                digits[--start] = (byte)('0' + nine % 10);
                nine /= 10;
            }
        }
        // The top (or only) word, without leading zeros: a coefficient above 32 bits leaves a non-zero quotient.
        do
        {
            digits[--start] = (byte)('0' + low % 10);
            low /= 10;
        }
        while (low != 0);
        // At least one digit before the point: 0.001 has coefficient 1 and scale 3.
        while (MaxLength - start <= scale)
        {
            digits[--start] = (byte)'0';
        }

        var length = 0;
        if (negative)
        {
            destination[length++] = (byte)'-';
        }
        var whole = MaxLength - start - scale;
        digits.Slice(start, whole).CopyTo(destination[length..]);
        length += whole;
        if (scale > 0)
        {
            destination[length++] = (byte)'.';
            digits.Slice(start + whole, scale).CopyTo(destination[length..]);
            length += scale;
        }
        return length;
    }
}
