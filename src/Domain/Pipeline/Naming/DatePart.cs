using System.Globalization;

namespace Courier.Domain.Pipeline.Naming;

/// <summary>
/// A date token. Offsets move "now" first and the token then anchors it, so
/// <c>{lastDayOfMonth-1M}</c> is the last day of last month (not 30 days after the 28th of February).
/// </summary>
internal sealed record DatePart(string Token, IReadOnlyList<DateOffset> Offsets, string Format) : TemplatePart
{
    /// <summary>Token names with their default format.</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["now"] = "yyyyMMddHHmmss",
        ["date"] = "yyyyMMdd",
        ["today"] = "yyyyMMdd",
        ["yesterday"] = "yyyyMMdd",
        ["tomorrow"] = "yyyyMMdd",
        ["firstDayOfMonth"] = "yyyyMMdd",
        ["lastDayOfMonth"] = "yyyyMMdd",
        ["lastMonth"] = "yyyyMM",
        ["firstDayOfLastMonth"] = "yyyyMMdd",
        ["lastDayOfLastMonth"] = "yyyyMMdd",
        ["lastYear"] = "yyyy",
        ["week"] = "00",
        ["weekYear"] = "0000",
    };

    public override string Render(FileNameContext context) => FormatMoment(Resolve(context.LocalNow));

    /// <summary>The text for <paramref name="moment"/>; ISO week tokens take a number format, the others a date format.</summary>
    public string FormatMoment(DateTime moment) => Token switch
    {
        "week" => ISOWeek.GetWeekOfYear(moment).ToString(Format, CultureInfo.InvariantCulture),
        "weekYear" => ISOWeek.GetYear(moment).ToString(Format, CultureInfo.InvariantCulture),
        _ => moment.ToString(Format, CultureInfo.InvariantCulture),
    };

    public DateTime Resolve(DateTime localNow)
    {
        var moved = Offsets.Aggregate(localNow, (value, offset) => offset.ApplyTo(value));
        var day = moved.Date;
        var firstOfMonth = new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return Token switch
        {
            "now" => moved,
            "yesterday" => day.AddDays(-1),
            "tomorrow" => day.AddDays(1),
            "firstDayOfMonth" => firstOfMonth,
            "lastDayOfMonth" => firstOfMonth.AddMonths(1).AddDays(-1),
            "lastMonth" or "firstDayOfLastMonth" => firstOfMonth.AddMonths(-1),
            "lastDayOfLastMonth" => firstOfMonth.AddDays(-1),
            "lastYear" => day.AddYears(-1),
            _ => day,
        };
    }
}
