using System.Text;
using System.Text.RegularExpressions;

namespace Courier.Domain.Connectors;

/// <summary>Unix shell wildcards (*, ?, [seq], [!seq]) as Atlas accepts them for source file names.</summary>
public static class Wildcard
{
    public static bool IsMatch(string name, string pattern) => ToRegex(pattern).IsMatch(name);

    public static Regex ToRegex(string pattern)
    {
        var builder = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    builder.Append(".*");
                    break;
                case '?':
                    builder.Append('.');
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        builder.Append(@"\[");
                        break;
                    }
                    var body = pattern[(i + 1)..close];
                    var negate = body.StartsWith('!');
                    if (negate)
                    {
                        body = body[1..];
                    }
                    builder.Append('[').Append(negate ? "^" : "").Append(body.Replace(@"\", @"\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return new Regex(builder.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
