using System.Text;
using System.Text.Json;
using Courier.Domain.Pipeline.Formats;
using Courier.Domain.Pipeline.Options;

namespace Courier.Pipeline.Tests;

public sealed class JsonLinesFormatTests
{
    [Fact]
    public async Task Each_row_is_one_json_object_on_its_own_line()
    {
        var table = SampleRows.Table();
        using var file = new MemoryStream();

        var count = await new JsonLinesFormat().WriteAsync(table.CreateDataReader(), new OutputFileOptions("x.jsonl", OutputFormat.JsonLines), file, CancellationToken.None);

        Assert.Equal(table.Rows.Count, count);
        var lines = Encoding.UTF8.GetString(file.ToArray()).Split('\n');
        Assert.Equal("", lines[^1]);
        Assert.Equal(table.Rows.Count, lines.Length - 1);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            using var json = JsonDocument.Parse(lines[r]);
            var row = json.RootElement;
            var expected = table.Rows[r];
            Assert.Equal((int)expected["id"], row.GetProperty("id").GetInt32());
            Assert.Equal((string)expected["name"], row.GetProperty("name").GetString());
            Assert.Equal((decimal)expected["amount"], row.GetProperty("amount").GetDecimal());
            Assert.Equal((double)expected["ratio"], row.GetProperty("ratio").GetDouble());
            Assert.Equal((bool)expected["paid"], row.GetProperty("paid").GetBoolean());
            Assert.Equal((DateTime)expected["created"], row.GetProperty("created").GetDateTime());
            Assert.Equal(expected["note"] is DBNull ? JsonValueKind.Null : JsonValueKind.String, row.GetProperty("note").ValueKind);
        }
    }

    [Fact]
    public async Task Zero_rows_give_an_empty_file()
    {
        using var file = new MemoryStream();

        var count = await new JsonLinesFormat().WriteAsync(SampleRows.Reader(rows: 0), new OutputFileOptions("x.jsonl", OutputFormat.JsonLines), file, CancellationToken.None);

        Assert.Equal(0, count);
        Assert.Equal(0, file.Length);
    }
}
