using System.Text;
using Courier.Domain.Pipeline.Text;

namespace Courier.Domain.Pipeline.Options;

/// <summary>Settings of a delimited text file (CSV, pipe, tab, ...).</summary>
/// <param name="Delimiter">One or more characters between fields; not CR, LF or the quote character.</param>
/// <param name="Quoting">When fields are quoted; a quote inside a quoted field is doubled.</param>
/// <param name="LineTerminator">The record separator.</param>
/// <param name="Header">Whether the first record holds the column names.</param>
/// <param name="Encoding">A WebName such as <c>utf-8</c>, <c>utf-16</c>, <c>iso-8859-1</c>, <c>windows-1252</c>.</param>
/// <param name="ByteOrderMark">Whether the file starts with the encoding's preamble (for Excel and UTF-8).</param>
/// <param name="Quote">The quote character.</param>
/// <param name="DateTimeFormat">The .NET format for date/time values (invariant culture).</param>
public sealed record DelimitedOptions(
    string Delimiter = ",",
    QuotingMode Quoting = QuotingMode.Minimal,
    LineTerminator LineTerminator = LineTerminator.CrLf,
    bool Header = true,
    string Encoding = "utf-8",
    bool ByteOrderMark = false,
    char Quote = '"',
    string DateTimeFormat = "yyyy-MM-dd HH:mm:ss")
{
    /// <summary>Problems with these settings, each naming its field; empty when they are usable.</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        if (string.IsNullOrEmpty(Delimiter))
        {
            errors.Add(new(nameof(Delimiter), "The delimiter must not be empty."));
        }
        else if (Delimiter.Contains('\r', StringComparison.Ordinal) || Delimiter.Contains('\n', StringComparison.Ordinal)
            || Delimiter.Contains(Quote, StringComparison.Ordinal))
        {
            errors.Add(new(nameof(Delimiter), "The delimiter must not contain CR, LF or the quote character."));
        }
        if (Quote is '\r' or '\n' or '\0')
        {
            errors.Add(new(nameof(Quote), "The quote character must be printable."));
        }
        if (!Enum.IsDefined(Quoting))
        {
            errors.Add(new(nameof(Quoting), "Quoting must be Minimal, All, NonNumeric or None."));
        }
        if (!Enum.IsDefined(LineTerminator))
        {
            errors.Add(new(nameof(LineTerminator), "The line terminator must be CrLf, Lf or Cr."));
        }
        if (TextEncodings.Find(Encoding) is null)
        {
            errors.Add(new(nameof(Encoding), $"Unknown encoding '{Encoding}'."));
        }
        if (string.IsNullOrWhiteSpace(DateTimeFormat))
        {
            errors.Add(new(nameof(DateTimeFormat), "The date/time format must not be empty."));
        }
        return errors;
    }

    /// <summary>The encoding to write with, preamble or not as configured.</summary>
    public Encoding ResolveEncoding() =>
        TextEncodings.Find(Encoding) is { } found
            ? TextEncodings.WithPreamble(found, ByteOrderMark)
            : throw new InvalidOperationException($"Unknown encoding '{Encoding}'.");
}
