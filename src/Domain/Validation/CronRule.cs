using Cronos;

namespace Courier.Domain.Validation;

/// <summary>Cron expressions as schedules accept them: 5 fields, or 6 with seconds first (Butler's form).</summary>
public static class CronRule
{
    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.Parse(expression.Trim(), format);
    }

    /// <summary>Null when the expression parses, else the rule it breaks.</summary>
    public static string? Check(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return "is required for a cron schedule";
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6) && !expression.TrimStart().StartsWith('@'))
        {
            return "must have 5 fields, or 6 with seconds first";
        }

        try
        {
            Parse(expression);
            return null;
        }
        catch (CronFormatException e)
        {
            return $"is not a valid cron expression ({e.Message})";
        }
    }
}
