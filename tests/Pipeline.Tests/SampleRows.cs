using System.Data;
using System.Data.Common;

namespace Courier.Pipeline.Tests;

/// <summary>A small result set with the awkward values real extracts contain: separators, quotes, line breaks, nulls, non-ASCII.</summary>
internal static class SampleRows
{
    public static readonly string[] Names = ["plain", "comma, inside", "quote \" inside", "line\nbreak", "semi;colon|pipe\ttab", "café", "", "  padded  "];

    public static DataTable Table(bool awkward = true, int rows = -1)
    {
        var table = new DataTable("orders");
        table.Columns.Add("id", typeof(int));
        table.Columns.Add("name", typeof(string));
        table.Columns.Add("amount", typeof(decimal));
        table.Columns.Add("ratio", typeof(double));
        table.Columns.Add("paid", typeof(bool));
        table.Columns.Add("created", typeof(DateTime));
        table.Columns.Add("note", typeof(string));
        var names = awkward ? Names : ["plain", "simple", "words only"];
        var count = rows < 0 ? names.Length : rows;
        for (var i = 0; i < count; i++)
        {
            table.Rows.Add(
                i + 1,
                names[i % names.Length],
                12.5m * (i + 1),
                i == 0 ? 0.1 : -1.0 / (i + 2),
                i % 2 == 0,
                new DateTime(2026, 3, 1, 10, 30, i % 60, DateTimeKind.Unspecified),
                i % 3 == 0 ? DBNull.Value : $"note {i}");
        }
        return table;
    }

    public static DbDataReader Reader(bool awkward = true, int rows = -1) => Table(awkward, rows).CreateDataReader();
}
