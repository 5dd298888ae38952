using Courier.Domain.Model;
using Courier.Domain.Pipeline.Options;
using ModelFormat = Courier.Domain.Model.OutputFormat;
using PipelineFormat = Courier.Domain.Pipeline.Options.OutputFormat;

namespace Courier.Pipeline.Tests;

public sealed class ReportOutputMappingTests
{
    [Fact]
    public void A_stored_output_becomes_pipeline_settings()
    {
        var key = Guid.NewGuid();
        var output = new ReportOutput
        {
            Format = ModelFormat.Csv,
            FileNameTemplate = "orders_{yesterday:yyyyMMdd}.csv",
            Delimiter = "|",
            Quoting = QuoteMode.NonNumeric,
            Encoding = "windows-1252",
            ByteOrderMark = true,
            IncludeHeader = false,
            LineSuffix = ";",
            LineEnding = LineEnding.Lf,
            PgpKeyConnectionId = key,
            Zip = true,
            ZipFileNameTemplate = "orders_{date}.zip",
        };

        var options = output.ToOutputFileOptions();

        Assert.Equal(PipelineFormat.Delimited, options.Format);
        Assert.Equal(new DelimitedOptions("|", QuotingMode.NonNumeric, LineTerminator.Lf, false, "windows-1252", true), options.Delimited);
        Assert.Equal(";", options.LineSuffix?.Suffix);
        Assert.Equal(key.ToString(), options.Pgp?.KeyConnectionId);
        Assert.Equal("orders_{date}.zip", options.Zip?.NameTemplate);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData(ModelFormat.Xlsx, PipelineFormat.Xlsx)]
    [InlineData(ModelFormat.Json, PipelineFormat.JsonLines)]
    public void Other_formats_map_and_leave_optional_steps_off(ModelFormat format, PipelineFormat expected)
    {
        var options = new ReportOutput { Format = format, FileNameTemplate = "x" }.ToOutputFileOptions();

        Assert.Equal(expected, options.Format);
        Assert.Null(options.Pgp);
        Assert.Null(options.Zip);
        Assert.Null(options.LineSuffix);
    }

    [Fact]
    public void Formats_rendered_elsewhere_are_refused()
    {
        Assert.False(ReportOutputMapping.IsSupported(ModelFormat.Pdf));
        Assert.Throws<NotSupportedException>(() => new ReportOutput { Format = ModelFormat.Pdf, FileNameTemplate = "x.pdf" }.ToOutputFileOptions());
    }
}
