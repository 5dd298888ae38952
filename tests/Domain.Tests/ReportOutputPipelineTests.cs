using Courier.Domain.Model;
using Courier.Domain.Pipeline.Options;
using PipelineFormat = Courier.Domain.Pipeline.Options.OutputFormat;

namespace Courier.Domain.Tests;

public sealed class ReportOutputPipelineTests
{
    [Fact]
    public void A_csv_output_becomes_the_pipelines_delimited_options_and_they_are_valid()
    {
        var key = Guid.NewGuid();
        var output = new ReportOutput
        {
            FileNameTemplate = "sales_{yesterday:yyyyMMdd}.csv",
            Delimiter = "|",
            Quoting = QuoteMode.All,
            LineEnding = LineEnding.Lf,
            IncludeHeader = false,
            Encoding = "windows-1252",
            LineSuffix = ";",
            PgpKeyConnectionId = key,
            Zip = true,
        };

        var options = output.ToOutputFileOptions()!;

        Assert.Empty(options.Validate());
        Assert.Equal(PipelineFormat.Delimited, options.Format);
        Assert.Equal(new DelimitedOptions("|", QuotingMode.All, LineTerminator.Lf, false, "windows-1252"), options.Delimited);
        Assert.Equal(";", options.LineSuffix!.Suffix);
        Assert.Equal(key.ToString("D"), options.Pgp!.KeyConnectionId);
        Assert.NotNull(options.Zip);
    }

    [Fact]
    public void An_original_output_keeps_the_source_file_and_unsupported_formats_say_so()
    {
        Assert.Null(new ReportOutput { FileNameTemplate = "x", Format = Model.OutputFormat.Original }.ToOutputFileOptions());
        Assert.Throws<NotSupportedException>(() => new ReportOutput { FileNameTemplate = "x", Format = Model.OutputFormat.Pdf }.ToOutputFileOptions());
    }
}
