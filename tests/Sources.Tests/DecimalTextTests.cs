using System.Globalization;
using System.Text;
using Courier.Domain.Sources.Sql;

namespace Courier.Sources.Tests;

/// <summary>The CSV path's decimal text must be exactly what decimal.ToString() gives, which the exports have always used.</summary>
public sealed class DecimalTextTests
{
    public static TheoryData<decimal> Edges() =>
    [
        0m,
        0.00m,
        new decimal(0, 0, 0, isNegative: true, scale: 5),
        1m,
        -1m,
        0.5m,
        0.001m,
        12.3400m,
        decimal.MaxValue,
        decimal.MinValue,
        new decimal(1, 0, 0, false, 28),
        new decimal(-1, -1, -1, true, 28),
        new decimal(-1, -1, -1, false, 1),
        new decimal(0, 1, 0, false, 0),
        new decimal(0, 0, 1, false, 10),
        1_000_000_000m,
        1_000_000_000_000_000_000m,
        999_999_999m,
        4_294_967_295m,
        0.51000000000000000000m,
        -0.000000001m,
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void Edge_values_match_decimal_ToString(decimal value) =>
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Text(value));

    [Fact]
    public void Random_coefficients_and_scales_match_decimal_ToString()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 200_000; i++)
        {
            // Words of every size: zero, small, and full, so coefficients of 1 to 29 digits occur.
            var value = new decimal(Word(random), Word(random), Word(random), random.Next(2) == 0, (byte)random.Next(29));
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Text(value));
        }
    }

    private static int Word(Random random) => random.Next(3) switch
    {
        0 => 0,
        1 => random.Next(1000),
        _ => random.Next(int.MinValue, int.MaxValue),
    };

    private static string Text(decimal value)
    {
        var buffer = new byte[DecimalText.MaxLength];
        var length = DecimalText.Write(value, buffer);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
