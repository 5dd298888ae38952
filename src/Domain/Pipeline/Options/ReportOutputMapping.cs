using Courier.Domain.Model;

namespace Courier.Domain.Pipeline.Options;

/// <summary>Turns a task's <see cref="ReportOutput"/> (the stored model) into the pipeline's settings.</summary>
public static class ReportOutputMapping
{
    /// <summary>Whether the output pipeline writes this model format (the others are rendered elsewhere).</summary>
    public static bool IsSupported(Model.OutputFormat format) =>
        format is Model.OutputFormat.Csv or Model.OutputFormat.Xlsx or Model.OutputFormat.Json;

    public static OutputFileOptions ToOutputFileOptions(this ReportOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var format = output.Format switch
        {
            Model.OutputFormat.Csv => OutputFormat.Delimited,
            Model.OutputFormat.Xlsx => OutputFormat.Xlsx,
            Model.OutputFormat.Json => OutputFormat.JsonLines,
            _ => throw new NotSupportedException($"The output pipeline does not write {output.Format} files."),
        };
        var delimited = new DelimitedOptions(
            output.Delimiter,
            output.Quoting switch
            {
                QuoteMode.All => QuotingMode.All,
                QuoteMode.NonNumeric => QuotingMode.NonNumeric,
                QuoteMode.None => QuotingMode.None,
                _ => QuotingMode.Minimal,
            },
            output.LineEnding == LineEnding.Lf ? LineTerminator.Lf : LineTerminator.CrLf,
            output.IncludeHeader,
            output.Encoding,
            output.ByteOrderMark);
        return new OutputFileOptions(
            output.FileNameTemplate,
            format,
            delimited,
            new XlsxOptions(string.IsNullOrWhiteSpace(output.SheetName) ? "Sheet1" : output.SheetName, output.IncludeHeader),
            output.LineSuffix is { Length: > 0 } suffix ? new LineSuffixOptions(suffix) : null,
            output.PgpKeyConnectionId is { } key ? new PgpOptions(key.ToString()) : null,
            output.Zip ? new ZipOptions(output.ZipFileNameTemplate) : null);
    }
}
