namespace Courier.Domain.Sources.Sql;

/// <summary>
/// The date parameters every query may use (<c>@today</c>, <c>@firstDayOfLastMonth</c>, ...),
/// computed as calendar dates in the task's time zone and bound as real date values. The names are
/// those of the file-name templates so a task uses one vocabulary.
/// </summary>
public static class DateParameters
{
    private static readonly string[] NameList =
    [
        "today", "yesterday", "tomorrow", "firstDayOfMonth", "lastDayOfMonth",
        "firstDayOfLastMonth", "lastDayOfLastMonth", "firstDayOfYear", "lastDayOfLastYear",
    ];

    public static IReadOnlyList<string> Names => NameList;

    /// <summary>The value of the date parameter <paramref name="name"/> (any case) on <paramref name="localNow"/>, or null if it is not one.</summary>
    public static DateOnly? Resolve(string name, DateTime localNow)
    {
        ArgumentNullException.ThrowIfNull(name);
        var today = DateOnly.FromDateTime(localNow);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        return name.ToUpperInvariant() switch
        {
            "TODAY" => today,
            "YESTERDAY" => today.AddDays(-1),
            "TOMORROW" => today.AddDays(1),
            "FIRSTDAYOFMONTH" => firstOfMonth,
            "LASTDAYOFMONTH" => firstOfMonth.AddMonths(1).AddDays(-1),
            "FIRSTDAYOFLASTMONTH" => firstOfMonth.AddMonths(-1),
            "LASTDAYOFLASTMONTH" => firstOfMonth.AddDays(-1),
            "FIRSTDAYOFYEAR" => new DateOnly(today.Year, 1, 1),
            "LASTDAYOFLASTYEAR" => new DateOnly(today.Year - 1, 12, 31),
            _ => null,
        };
    }
}
