using Courier.Domain.Pipeline.Options;
using PipelineFormat = Courier.Domain.Pipeline.Options.OutputFormat;

namespace Courier.Domain.Model;

/// <summary>The bridge from a report's saved output settings to the pipeline's writer options.</summary>
public static class ReportOutputPipeline
{
    /// <summary>Formats the pipeline writes today; validation refuses the others.</summary>
    public static readonly IReadOnlySet<OutputFormat> Supported =
        new HashSet<OutputFormat> { OutputFormat.Csv, OutputFormat.Xlsx, OutputFormat.Json, OutputFormat.Original };

    /// <summary>The pipeline's options, or null for <see cref="OutputFormat.Original"/> (the source file is kept as it is).</summary>
    public static OutputFileOptions? ToOutputFileOptions(this ReportOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var format = output.Format switch
        {
            OutputFormat.Csv => PipelineFormat.Delimited,
            OutputFormat.Xlsx => PipelineFormat.Xlsx,
            OutputFormat.Json => PipelineFormat.JsonLines,
            OutputFormat.Original => (PipelineFormat?)null,
            _ => throw new NotSupportedException($"The pipeline does not write {output.Format} files yet."),
        };
        if (format is null)
        {
            return null;
        }

        return new OutputFileOptions(
            output.FileNameTemplate,
            format.Value,
            Delimited: format == PipelineFormat.Delimited
                ? new DelimitedOptions(output.Delimiter, Quoting(output.Quoting), Terminator(output.LineEnding), output.IncludeHeader, output.Encoding, output.ByteOrderMark)
                : null,
            Xlsx: format == PipelineFormat.Xlsx ? new XlsxOptions(output.SheetName ?? "Sheet1", output.IncludeHeader) : null,
            LineSuffix: output.LineSuffix is { Length: > 0 } suffix && format != PipelineFormat.Xlsx ? new LineSuffixOptions(suffix) : null,
            Pgp: output.PgpKeyConnectionId is { } key ? new PgpOptions(key.ToString("D")) : null,
            Zip: output.Zip ? new ZipOptions(output.ZipFileNameTemplate) : null);
    }

    private static QuotingMode Quoting(QuoteMode mode) => mode switch
    {
        QuoteMode.All => QuotingMode.All,
        QuoteMode.NonNumeric => QuotingMode.NonNumeric,
        QuoteMode.None => QuotingMode.None,
        _ => QuotingMode.Minimal,
    };

    private static LineTerminator Terminator(LineEnding ending) => ending == LineEnding.Lf ? LineTerminator.Lf : LineTerminator.CrLf;
}
