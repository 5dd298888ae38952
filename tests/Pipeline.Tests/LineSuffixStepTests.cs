using System.Text;
using Courier.Domain.Pipeline.Naming;
using Courier.Domain.Pipeline.Options;
using Courier.Domain.Pipeline.Steps;

namespace Courier.Pipeline.Tests;

public sealed class LineSuffixStepTests
{
    [Theory]
    [InlineData("a,b\r\nc,d\r\n", "a,b;\r\nc,d;\r\n")]
    [InlineData("a,b\nc,d\n", "a,b;\nc,d;\n")]
    [InlineData("a,b\rc,d\r", "a,b;\rc,d;\r")]
    [InlineData("a\r\n\r\nb", "a;\r\n;\r\nb;")]
    [InlineData("", "")]
    public async Task The_suffix_goes_before_every_line_break_whatever_the_write_boundaries(string input, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(input);
        for (var split = 1; split <= Math.Max(1, bytes.Length); split++)
        {
            Assert.Equal(expected, await Apply(bytes, split, ";"));
        }
    }

    [Fact]
    public async Task The_suffix_is_written_in_the_files_encoding()
    {
        var options = new OutputFileOptions("x.csv", Delimited: new DelimitedOptions(Encoding: "windows-1252"), LineSuffix: new LineSuffixOptions("é"));
        using var output = new MemoryStream();

        await using (var stream = await new LineSuffixStep().OpenAsync(output, "x.csv", Context(options), CancellationToken.None))
        {
            stream.Write("a\n"u8);
        }

        Assert.Equal(new byte[] { (byte)'a', 0xE9, (byte)'\n' }, output.ToArray());
    }

    [Fact]
    public void Utf16_files_cannot_take_a_byte_level_suffix()
    {
        var options = new OutputFileOptions("x.csv", Delimited: new DelimitedOptions(Encoding: "utf-16"), LineSuffix: new LineSuffixOptions(";"));

        Assert.Contains(options.Validate(), e => e.Field == "LineSuffix");
    }

    private static StepContext Context(OutputFileOptions options) =>
        new(options, new FileNameContext(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc, "p", "t", "r"));

    private static async Task<string> Apply(byte[] input, int writeSize, string suffix)
    {
        var options = new OutputFileOptions("x.csv", LineSuffix: new LineSuffixOptions(suffix));
        using var output = new MemoryStream();
        await using (var stream = await new LineSuffixStep().OpenAsync(output, "x.csv", Context(options), CancellationToken.None))
        {
            for (var offset = 0; offset < input.Length; offset += writeSize)
            {
                stream.Write(input, offset, Math.Min(writeSize, input.Length - offset));
            }
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
