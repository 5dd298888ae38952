using System.Text.RegularExpressions;

namespace Courier.Domain.Validation;

/// <summary>
/// A file-name template must produce a bare file name: no path separator, no <c>..</c>, no
/// characters file servers refuse, balanced <c>{token}</c>s. The token grammar itself belongs to
/// the pipeline's template parser; this check only keeps names inside their folder.
/// </summary>
public static partial class FileNameTemplateRule
{
    public const int MaxLength = 255;

    public static string? Check(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return "is required";
        }

        if (template.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        if (template.Contains('/', StringComparison.Ordinal) || template.Contains('\\', StringComparison.Ordinal))
        {
            return "must be a file name, not a path (no / or \\)";
        }

        if (template.Contains("..", StringComparison.Ordinal))
        {
            return "must not contain '..'";
        }

        if (template.Any(char.IsControl) || Token().Replace(template, "").Any(c => c is ':' or '*' or '?' or '"' or '<' or '>' or '|'))
        {
            return "must not contain control characters, nor any of : * ? \" < > | outside { } tokens";
        }

        if (template.Trim() is "." || template.EndsWith(' ') || template.EndsWith('.'))
        {
            return "must not end with a space or a dot";
        }

        var depth = 0;
        foreach (var c in template)
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth is < 0 or > 1)
            {
                return "has unbalanced or nested { } tokens";
            }
        }

        if (depth != 0)
        {
            return "has an unclosed { token";
        }

        foreach (Match token in Token().Matches(template))
        {
            if (!TokenBody().IsMatch(token.Groups[1].Value))
            {
                return "has an empty or malformed { } token";
            }
        }

        return null;
    }

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex Token();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*([:+\-][^{}]*)?$")]
    private static partial Regex TokenBody();
}
