using System.Globalization;
using System.Text;

namespace Courier.Domain.Pipeline.Naming;

/// <summary>
/// A file-name template such as <c>sales_{param:region}_{lastMonth:yyyy-MM}_{runId}.csv</c>.
/// Tokens: date tokens (<c>now, date, today, yesterday, tomorrow, firstDayOfMonth, lastDayOfMonth,
/// lastMonth, firstDayOfLastMonth, lastDayOfLastMonth, lastYear, week, weekYear</c>) with optional
/// calendar offsets (<c>{date-1M+2d:yyyyMMdd}</c>, units y M w d h m) and a .NET format after the colon;
/// <c>{param:name}</c> (task, then project parameters); <c>{project}</c>, <c>{task}</c>, <c>{runId}</c>.
/// <c>{{</c> and <c>}}</c> are literal braces. Token names ignore case; formats do not.
/// </summary>
public sealed class FileNameTemplate
{
    private static readonly string[] RunTokens = ["project", "task", "runId"];
    private static readonly DateTime SampleMoment = new(2026, 12, 31, 23, 59, 58, DateTimeKind.Unspecified);

    private readonly IReadOnlyList<TemplatePart> _parts;

    private FileNameTemplate(string text, IReadOnlyList<TemplatePart> parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    /// <summary>The parameter names the template uses, so a task can be checked for missing ones.</summary>
    public IReadOnlyList<string> ParameterNames => [.. _parts.OfType<ParameterPart>().Select(p => p.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>Every problem in <paramref name="text"/>, for validation when a task is saved; empty when it is usable.</summary>
    public static IReadOnlyList<TemplateError> Validate(string? text) => TryParse(text, out _);

    /// <summary>The parsed template, or a <see cref="FileNameException"/> listing every problem with its position.</summary>
    public static FileNameTemplate Parse(string? text)
    {
        var errors = TryParse(text, out var template);
        return template ?? throw new FileNameException(errors);
    }

    /// <summary>The file name for <paramref name="context"/>; throws <see cref="FileNameException"/> if it is not one safe path segment.</summary>
    public string Render(FileNameContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = new StringBuilder();
        foreach (var part in _parts)
        {
            name.Append(part.Render(context));
        }
        var rendered = name.ToString();
        return SafeFileName.Problem(rendered) is { } problem
            ? throw new FileNameException($"Template '{Text}' gave an unsafe file name: {problem}")
            : rendered;
    }

    public override string ToString() => Text;

    private static List<TemplateError> TryParse(string? text, out FileNameTemplate? template)
    {
        template = null;
        var errors = new List<TemplateError>();
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(1, "The file name template is empty."));
            return errors;
        }
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var literalStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i += 2;
                continue;
            }
            if (c == '}')
            {
                errors.Add(new(i + 1, "A '}' without a matching '{' (write '}}' for a literal brace)."));
                i++;
                continue;
            }
            if (c != '{')
            {
                if (c is '/' or '\\' || char.IsControl(c) || SafeFileName.Problem($"x{c}x") is not null)
                {
                    errors.Add(new(i + 1, c is '/' or '\\' ? $"'{c}' is a path separator; a file name is one path segment." : $"'{c}' is not allowed in a file name."));
                }
                literal.Append(c);
                i++;
                continue;
            }
            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                errors.Add(new(i + 1, "A '{' without a closing '}' (write '{{' for a literal brace)."));
                break;
            }
            FlushLiteral(literal, literalStart, parts, errors);
            var part = ParseToken(text[(i + 1)..close], i + 1, errors);
            if (part is not null)
            {
                parts.Add(part);
            }
            i = close + 1;
            literalStart = i;
        }
        FlushLiteral(literal, literalStart, parts, errors);
        if (errors.Count == 0)
        {
            template = new FileNameTemplate(text, parts);
        }
        return errors;
    }

    private static void FlushLiteral(StringBuilder literal, int start, List<TemplatePart> parts, List<TemplateError> errors)
    {
        if (literal.Length == 0)
        {
            return;
        }
        var text = literal.ToString();
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        if (dots >= 0)
        {
            errors.Add(new(start + dots + 1, "'..' is not allowed in a file name."));
        }
        parts.Add(new LiteralPart(text));
        literal.Clear();
    }

    private static TemplatePart? ParseToken(string body, int openIndex, List<TemplateError> errors)
    {
        var position = openIndex + 1;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? body : body[..colon];
        var argument = colon < 0 ? null : body[(colon + 1)..];
        var nameEnd = 0;
        while (nameEnd < head.Length && char.IsAsciiLetter(head[nameEnd]))
        {
            nameEnd++;
        }
        var name = head[..nameEnd];
        if (name.Length == 0)
        {
            errors.Add(new(position, $"'{{{body}}}' does not start with a token name."));
            return null;
        }
        if (name.Equals("param", StringComparison.OrdinalIgnoreCase))
        {
            return ParseParameter(head, argument, position, errors);
        }
        if (RunTokens.FirstOrDefault(t => t.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } runToken)
        {
            if (nameEnd < head.Length || argument is not null)
            {
                errors.Add(new(position, $"{{{runToken}}} takes no offset or format."));
                return null;
            }
            return new RunPart(runToken);
        }
        var dateToken = DatePart.Defaults.Keys.FirstOrDefault(t => t.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (dateToken is null)
        {
            errors.Add(new(position, $"Unknown token '{name}'. Known: {string.Join(", ", DatePart.Defaults.Keys.Concat(RunTokens).Append("param:name"))}."));
            return null;
        }
        var offsets = ParseOffsets(head[nameEnd..], position + nameEnd, errors);
        if (offsets is null)
        {
            return null;
        }
        if (argument is { Length: 0 })
        {
            errors.Add(new(position + colon + 1, "The format after ':' is empty."));
            return null;
        }
        var part = new DatePart(dateToken, offsets, argument ?? DatePart.Defaults[dateToken]);
        return CheckFormat(part, position + head.Length + 1, errors) ? part : null;
    }

    private static ParameterPart? ParseParameter(string head, string? argument, int position, List<TemplateError> errors)
    {
        if (head.Length != "param".Length || string.IsNullOrWhiteSpace(argument))
        {
            errors.Add(new(position, "Write a parameter as {param:name}."));
            return null;
        }
        if (!argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            errors.Add(new(position + head.Length + 1, $"Parameter name '{argument}' may only hold letters, digits, '_', '-' and '.'."));
            return null;
        }
        return new ParameterPart(argument);
    }

    private static List<DateOffset>? ParseOffsets(string text, int position, List<TemplateError> errors)
    {
        var offsets = new List<DateOffset>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (text[i] is not ('+' or '-'))
            {
                errors.Add(new(position + i, $"Expected an offset such as -1d or +1M, found '{text[i..]}'."));
                return null;
            }
            i++;
            var digitsStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == digitsStart || i - digitsStart > 5 || i >= text.Length || !DateOffset.Units.Contains(text[i], StringComparison.Ordinal))
            {
                errors.Add(new(position + start, $"An offset is a sign, a number (up to 5 digits) and a unit (y M w d h m): '{text[start..]}'."));
                return null;
            }
            var amount = int.Parse(text.AsSpan(digitsStart, i - digitsStart), CultureInfo.InvariantCulture);
            offsets.Add(new DateOffset(text[start] == '-' ? -amount : amount, text[i]));
            i++;
        }
        return offsets;
    }

    /// <summary>A format is tried on a sample date so mistakes (and formats that produce '/' or ':') surface when the task is saved.</summary>
    private static bool CheckFormat(DatePart part, int position, List<TemplateError> errors)
    {
        if (part.Token is "week" or "weekYear" && !part.Format.All(c => c is '0' or '#'))
        {
            errors.Add(new(position, $"{{{part.Token}}} is a number: its format is digits placeholders such as '00' or '0'."));
            return false;
        }
        string sample;
        try
        {
            sample = part.FormatMoment(SampleMoment);
        }
        catch (FormatException)
        {
            errors.Add(new(position, $"'{part.Format}' is not a valid format for {{{part.Token}}}."));
            return false;
        }
        if (SafeFileName.Problem(sample + "x") is { } problem)
        {
            errors.Add(new(position, $"The format '{part.Format}' gives names such as '{sample}': {problem} (in .NET formats '/' and ':' are the date and time separators; quote them or use '-')."));
            return false;
        }
        return true;
    }
}
