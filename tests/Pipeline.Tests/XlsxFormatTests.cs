using System.Globalization;
using System.IO.Compression;
using Courier.Domain.Pipeline.Formats;
using Courier.Domain.Pipeline.Options;
using MiniExcelLibs;

namespace Courier.Pipeline.Tests;

public sealed class XlsxFormatTests
{
    [Theory]
    [InlineData(true, "Sheet1")]
    [InlineData(false, "Orders 2026")]
    public async Task Rows_round_trip_through_MiniExcel(bool header, string sheetName)
    {
        var table = SampleRows.Table();
        using var file = new MemoryStream();
        var options = new OutputFileOptions("out.xlsx", OutputFormat.Xlsx, Xlsx: new XlsxOptions(sheetName, header));

        var count = await new XlsxFormat().WriteAsync(table.CreateDataReader(), options, new NonSeekableStream(file), CancellationToken.None);

        Assert.Equal(table.Rows.Count, count);
        file.Position = 0;
        Assert.Equal([sheetName], MiniExcel.GetSheetNames(file));
        file.Position = 0;
        var rows = MiniExcel.Query(file, useHeaderRow: header, sheetName: sheetName).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(table.Rows.Count, rows.Count);
        var keys = header ? ["id", "name", "amount", "ratio", "paid", "created", "note"] : new[] { "A", "B", "C", "D", "E", "F", "G" };
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var expected = table.Rows[r];
            var actual = rows[r];
            Assert.Equal((int)expected["id"], Convert.ToInt32(actual[keys[0]], CultureInfo.InvariantCulture));
            Assert.Equal((string)expected["name"], actual[keys[1]] as string ?? "");
            Assert.Equal((decimal)expected["amount"], Convert.ToDecimal(actual[keys[2]], CultureInfo.InvariantCulture));
            Assert.Equal((double)expected["ratio"], Convert.ToDouble(actual[keys[3]], CultureInfo.InvariantCulture));
            Assert.Equal((bool)expected["paid"], Convert.ToBoolean(actual[keys[4]], CultureInfo.InvariantCulture));
            Assert.Equal((DateTime)expected["created"], Assert.IsType<DateTime>(actual[keys[5]]));
            Assert.Equal(expected["note"] is DBNull ? null : (string)expected["note"], actual[keys[6]] as string);
        }
    }

    [Fact]
    public async Task The_workbook_is_a_valid_package_with_a_sheet_and_no_shared_strings()
    {
        using var file = new MemoryStream();

        await new XlsxFormat().WriteAsync(SampleRows.Reader(), new OutputFileOptions("x.xlsx", OutputFormat.Xlsx), file, CancellationToken.None);

        file.Position = 0;
        using var zip = new ZipArchive(file, ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("[Content_Types].xml", names);
        Assert.Contains("xl/workbook.xml", names);
        Assert.Contains("xl/worksheets/sheet1.xml", names);
        Assert.DoesNotContain("xl/sharedStrings.xml", names);
    }

    [Fact]
    public async Task Zero_rows_with_a_header_count_as_empty()
    {
        using var file = new MemoryStream();

        var count = await new XlsxFormat().WriteAsync(SampleRows.Reader(rows: 0), new OutputFileOptions("x.xlsx", OutputFormat.Xlsx), file, CancellationToken.None);

        Assert.Equal(0, count);
        file.Position = 0;
        Assert.Empty(MiniExcel.Query(file, useHeaderRow: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("[x]")]
    [InlineData("a name that is far longer than thirty-one characters")]
    public void Bad_sheet_names_are_reported(string name)
    {
        Assert.Contains(new XlsxOptions(name).Validate(), e => e.Field == "SheetName");
    }
}
