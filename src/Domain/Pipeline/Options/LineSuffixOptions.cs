using Courier.Domain.Pipeline.Text;

namespace Courier.Domain.Pipeline.Options;

/// <summary>Characters appended to every line of a text file (before its line break), e.g. a trailing delimiter.</summary>
/// <param name="Suffix">The characters to append; written in <paramref name="Encoding"/>.</param>
/// <param name="Encoding">The encoding of the file, so the suffix bytes match it.</param>
public sealed record LineSuffixOptions(string Suffix, string Encoding = "utf-8")
{
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        if (string.IsNullOrEmpty(Suffix) || Suffix.Contains('\r', StringComparison.Ordinal) || Suffix.Contains('\n', StringComparison.Ordinal))
        {
            errors.Add(new(nameof(Suffix), "The suffix must be non-empty and must not contain CR or LF."));
        }
        if (TextEncodings.Find(Encoding) is null)
        {
            errors.Add(new(nameof(Encoding), $"Unknown encoding '{Encoding}'."));
        }
        return errors;
    }
}
