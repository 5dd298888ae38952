using Courier.Domain.Pipeline.Naming;
using Courier.Domain.Pipeline.Text;

namespace Courier.Domain.Pipeline.Options;

/// <summary>
/// One output file of a task: its name, its format and the post-processing steps, which always run
/// in the order line suffix → PGP → zip (hashes are computed on the final bytes).
/// </summary>
/// <param name="NameTemplate">A file-name template, e.g. <c>sales_{yesterday:yyyyMMdd}.csv</c>.</param>
/// <param name="Format">The format; its settings are in the matching property (defaults when null).</param>
public sealed record OutputFileOptions(
    string NameTemplate,
    OutputFormat Format = OutputFormat.Delimited,
    DelimitedOptions? Delimited = null,
    XlsxOptions? Xlsx = null,
    LineSuffixOptions? LineSuffix = null,
    PgpOptions? Pgp = null,
    ZipOptions? Zip = null)
{
    /// <summary>The encoding of the text the formats write (null for binary formats).</summary>
    public System.Text.Encoding? TextEncoding => Format switch
    {
        OutputFormat.Delimited => (Delimited ?? new()).ResolveEncoding(),
        OutputFormat.JsonLines => new System.Text.UTF8Encoding(false),
        _ => null,
    };

    /// <summary>Every problem with these settings, fields prefixed with their path (e.g. <c>Delimited.Delimiter</c>).</summary>
    public IReadOnlyList<OptionError> Validate()
    {
        var errors = new List<OptionError>();
        errors.AddRange(FileNameTemplate.Validate(NameTemplate).Select(e => new OptionError(nameof(NameTemplate), e.ToString())));
        if (!Enum.IsDefined(Format))
        {
            errors.Add(new(nameof(Format), "The format must be Delimited, Xlsx or JsonLines."));
        }
        if (LineSuffix is not null && Format == OutputFormat.Xlsx)
        {
            errors.Add(new(nameof(LineSuffix), "A line suffix only applies to text formats."));
        }
        if (LineSuffix is not null && Format == OutputFormat.Delimited && !TextEncodings.IsAsciiCompatible((Delimited ?? new()).Encoding))
        {
            errors.Add(new(nameof(LineSuffix), "A line suffix needs an ASCII-compatible encoding (UTF-8 or a single-byte code page), not UTF-16/32."));
        }
        Add(errors, nameof(Delimited), Delimited?.Validate());
        Add(errors, nameof(Xlsx), Xlsx?.Validate());
        Add(errors, nameof(LineSuffix), LineSuffix?.Validate());
        Add(errors, nameof(Pgp), Pgp?.Validate());
        Add(errors, nameof(Zip), Zip?.Validate());
        return errors;
    }

    private static void Add(List<OptionError> errors, string prefix, IReadOnlyList<OptionError>? inner)
    {
        if (inner is not null)
        {
            errors.AddRange(inner.Select(e => e with { Field = $"{prefix}.{e.Field}" }));
        }
    }
}
