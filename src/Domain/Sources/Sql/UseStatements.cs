using System.Text.RegularExpressions;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Removes <c>USE database</c> statements: the connection decides the database, and a query copied
/// from a management tool must not switch it. Only whole lines are removed, so a <c>use</c> inside
/// a string or a column name is left alone.
/// </summary>
public static partial class UseStatements
{
    [GeneratedRegex(@"^[ \t]*USE[ \t]+(\[[^\]\r\n]+\]|`[^`\r\n]+`|""[^""\r\n]+""|[\w.$]+)[ \t]*;?[ \t]*(\r?\n[ \t]*GO[ \t]*(?=\r?\n|$))?(\r?\n|$)",
        RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex UseLine();

    /// <summary>The text that will be executed, and the statements that were taken out of it.</summary>
    public static SqlPreview Preview(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var removed = new List<string>();
        var executed = UseLine().Replace(query, match =>
        {
            removed.Add(match.Value.Trim());
            return "";
        });
        return new SqlPreview(query, executed.Trim(), removed);
    }
}
