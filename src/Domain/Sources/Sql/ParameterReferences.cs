using System.Text;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Finds the <c>@name</c> parameters a query refers to, skipping string literals, quoted
/// identifiers and comments, so only names that really are parameters get bound.
/// <c>@@identity</c>-style system variables are not parameters.
/// </summary>
public static class ParameterReferences
{
    public static IReadOnlyList<string> Find(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var found = new List<string>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`' or '[')
            {
                i = SkipQuoted(sql, i, c == '[' ? ']' : c);
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                i = SkipUntil(sql, i, "\n");
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                i = SkipUntil(sql, i + 2, "*/");
            }
            else if (c == '@' && At(sql, i + 1) == '@')
            {
                i += 2;
                while (i < sql.Length && IsNamePart(sql[i]))
                {
                    i++;
                }
            }
            else if (c == '@' && i + 1 < sql.Length && IsNameStart(sql[i + 1]))
            {
                var name = new StringBuilder();
                i++;
                while (i < sql.Length && IsNamePart(sql[i]))
                {
                    name.Append(sql[i++]);
                }
                var text = name.ToString();
                if (!found.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    found.Add(text);
                }
            }
            else
            {
                i++;
            }
        }
        return found;
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int SkipQuoted(string sql, int start, char close)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == close)
            {
                // A doubled closing quote is an escaped quote inside the literal.
                if (At(sql, i + 1) == close && close != ']')
                {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static int SkipUntil(string sql, int start, string end)
    {
        var found = sql.IndexOf(end, start, StringComparison.Ordinal);
        return found < 0 ? sql.Length : found + end.Length;
    }
}
