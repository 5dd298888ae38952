using System.Data;
using System.Globalization;
using System.Text;
using Courier.Domain.Pipeline.Formats;
using Courier.Domain.Pipeline.Options;
using CsvHelper;

namespace Courier.Pipeline.Tests;

public sealed class DelimitedFormatTests
{
    public static TheoryData<string, QuotingMode, LineTerminator, bool, string, bool> Combinations => new()
    {
        { ",", QuotingMode.Minimal, LineTerminator.CrLf, true, "utf-8", false },
        { ";", QuotingMode.All, LineTerminator.Lf, true, "utf-8", true },
        { "\t", QuotingMode.NonNumeric, LineTerminator.CrLf, false, "utf-16", true },
        { "|", QuotingMode.Minimal, LineTerminator.Lf, false, "windows-1252", false },
        { ",", QuotingMode.All, LineTerminator.CrLf, true, "iso-8859-1", false },
        { "|", QuotingMode.NonNumeric, LineTerminator.Lf, true, "utf-8", false },
        { ";", QuotingMode.Minimal, LineTerminator.Cr, true, "utf-8", false },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Every_option_round_trips_through_CsvHelper(string delimiter, QuotingMode quoting, LineTerminator terminator, bool header, string encoding, bool bom)
    {
        var options = Options(new DelimitedOptions(delimiter, quoting, terminator, header, encoding, bom));
        var table = SampleRows.Table();
        using var file = new MemoryStream();

        var count = await new DelimitedFormat().WriteAsync(table.CreateDataReader(), options, file, CancellationToken.None);

        Assert.Equal(table.Rows.Count, count);
        var bytes = file.ToArray();
        var expectedEncoding = Encoding.GetEncoding(encoding);
        var preamble = expectedEncoding.GetPreamble();
        Assert.Equal(bom && preamble.Length > 0, preamble.Length > 0 && bytes.AsSpan().StartsWith(preamble));
        var text = expectedEncoding.GetString(bytes.AsSpan(bom ? preamble.Length : 0));
        var records = ReadWithCsvHelper(text, delimiter[0]);
        if (header)
        {
            Assert.Equal(table.Columns.Cast<DataColumn>().Select(c => c.ColumnName), records[0]);
            records.RemoveAt(0);
        }
        Assert.Equal(table.Rows.Count, records.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            Assert.Equal(((int)row["id"]).ToString(CultureInfo.InvariantCulture), records[r][0]);
            Assert.Equal((string)row["name"], records[r][1]);
            Assert.Equal((decimal)row["amount"], decimal.Parse(records[r][2], CultureInfo.InvariantCulture));
            Assert.Equal((double)row["ratio"], double.Parse(records[r][3], CultureInfo.InvariantCulture));
            Assert.Equal((bool)row["paid"], bool.Parse(records[r][4]));
            Assert.Equal((DateTime)row["created"], DateTime.ParseExact(records[r][5], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            Assert.Equal(row["note"] is DBNull ? "" : (string)row["note"], records[r][6]);
        }
        var lineEnd = terminator switch { LineTerminator.Lf => "\n", LineTerminator.Cr => "\r", _ => "\r\n" };
        Assert.EndsWith(lineEnd, text, StringComparison.Ordinal);
        if (terminator != LineTerminator.CrLf)
        {
            Assert.DoesNotContain("\r\n", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(QuotingMode.Minimal, "1,plain,12.5,0.1,true,2026-03-01 10:30:00,", "2,\"comma, inside\",25.0,")]
    [InlineData(QuotingMode.All, "\"1\",\"plain\",\"12.5\",\"0.1\",\"true\",\"2026-03-01 10:30:00\",\"\"", "\"2\",\"comma, inside\",\"25.0\",")]
    [InlineData(QuotingMode.NonNumeric, "1,\"plain\",12.5,0.1,\"true\",\"2026-03-01 10:30:00\",", "2,\"comma, inside\",25.0,")]
    public async Task Quoting_modes_quote_the_right_fields(QuotingMode quoting, string firstLine, string secondLineStart)
    {
        var text = await WriteText(new DelimitedOptions(Quoting: quoting, LineTerminator: LineTerminator.Lf, Header: false));

        var lines = text.Split('\n');
        Assert.Equal(firstLine, lines[0]);
        Assert.StartsWith(secondLineStart, lines[1], StringComparison.Ordinal);
        Assert.Contains("\"quote \"\" inside\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quoting_none_writes_fields_bare()
    {
        var text = await WriteText(new DelimitedOptions("|", QuotingMode.None, LineTerminator.Lf), awkward: false);

        Assert.StartsWith("id|name|amount|ratio|paid|created|note\n1|plain|12.5|0.1|true|2026-03-01 10:30:00|\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quoting_none_refuses_a_value_it_cannot_write_unambiguously()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => WriteText(new DelimitedOptions(",", QuotingMode.None)));

        Assert.Contains("Row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_multi_character_delimiter_is_written_and_quoted_when_present()
    {
        var table = new DataTable();
        table.Columns.Add("a", typeof(string));
        table.Columns.Add("b", typeof(string));
        table.Rows.Add("x||y", "z|w");
        using var file = new MemoryStream();

        await new DelimitedFormat().WriteAsync(table.CreateDataReader(), Options(new DelimitedOptions("||", Header: false, LineTerminator: LineTerminator.Lf)), file, CancellationToken.None);

        Assert.Equal("\"x||y\"||z|w\n", Encoding.UTF8.GetString(file.ToArray()));
    }

    [Fact]
    public async Task Zero_rows_with_a_header_count_as_empty()
    {
        using var file = new MemoryStream();

        var count = await new DelimitedFormat().WriteAsync(SampleRows.Reader(rows: 0), Options(new DelimitedOptions()), file, CancellationToken.None);

        Assert.Equal(0, count);
        Assert.Equal("id,name,amount,ratio,paid,created,note\r\n", Encoding.UTF8.GetString(file.ToArray()));
    }

    [Theory]
    [InlineData("", "Delimiter")]
    [InlineData("\n", "Delimiter")]
    [InlineData("\"", "Delimiter")]
    public void Bad_settings_are_reported_by_field(string delimiter, string field)
    {
        var errors = new DelimitedOptions(delimiter).Validate();

        Assert.Contains(errors, e => e.Field == field);
        Assert.Contains(new DelimitedOptions(Encoding: "klingon").Validate(), e => e.Field == "Encoding");
    }

    private static OutputFileOptions Options(DelimitedOptions delimited) => new("out.csv", OutputFormat.Delimited, delimited);

    private static async Task<string> WriteText(DelimitedOptions delimited, bool awkward = true)
    {
        using var file = new MemoryStream();
        await new DelimitedFormat().WriteAsync(SampleRows.Reader(awkward), Options(delimited), file, CancellationToken.None);
        return Encoding.UTF8.GetString(file.ToArray());
    }

    private static List<string[]> ReadWithCsvHelper(string text, char separator)
    {
        // Re-encoded as UTF-8 so the reader sees the characters the writer meant, whatever the file encoding.
        using var reader = CsvReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(text)), new CsvReaderOptions { Separator = separator, HasHeader = false }, false);
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }
        return records;
    }
}
