using System.Globalization;

namespace Courier.Domain.Pipeline.Formats;

/// <summary>The invariant text of a value for text formats: numbers round-trip, dates follow the configured format.</summary>
internal static class ValueText
{
    /// <summary>Null for database nulls, so a format can tell them from empty strings.</summary>
    public static string? Format(object? value, string dateTimeFormat) => value switch
    {
        null or DBNull => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateTime d => d.ToString(dateTimeFormat, CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString(dateTimeFormat, CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
