namespace Courier.Domain.Pipeline.Options;

/// <summary>
/// Characters appended to every line of a text file, before its line break (e.g. a trailing delimiter
/// some receiving systems require). Written in the file's encoding, which must be ASCII-compatible.
/// Lines are physical lines: a line break inside a quoted field gets the suffix too.
/// </summary>
/// <param name="Suffix">The characters to append; not CR or LF.</param>
public sealed record LineSuffixOptions(string Suffix)
{
    public IReadOnlyList<OptionError> Validate() =>
        string.IsNullOrEmpty(Suffix) || Suffix.Contains('\r', StringComparison.Ordinal) || Suffix.Contains('\n', StringComparison.Ordinal)
            ? [new(nameof(Suffix), "The suffix must be non-empty and must not contain CR or LF.")]
            : [];
}
