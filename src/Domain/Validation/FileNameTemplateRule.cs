using System.Text.RegularExpressions;
using Courier.Domain.Pipeline.Naming;

namespace Courier.Domain.Validation;

/// <summary>
/// A file-name template must produce a bare file name: no path separator, no <c>..</c>, no
/// characters file servers refuse outside tokens, and tokens the pipeline's
/// <see cref="FileNameTemplate"/> parser accepts.
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

        // The grammar (tokens, offsets, formats) is the pipeline's own parser's.
        if (FileNameTemplate.Validate(template) is [var first, ..])
        {
            return first.ToString();
        }

        return null;
    }

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex Token();
}
