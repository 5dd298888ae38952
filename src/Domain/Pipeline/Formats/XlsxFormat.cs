using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Xml;
using Courier.Domain.Pipeline.Options;

namespace Courier.Domain.Pipeline.Formats;

/// <summary>
/// An XLSX workbook with one sheet, written part by part into a zip stream: rows go straight into the
/// sheet XML as inline strings (no shared-string table), so nothing is buffered whole-sheet and the
/// output stream need not be seekable.
/// </summary>
public sealed class XlsxFormat : IOutputFormat
{
    /// <summary>Excel's row limit per sheet.</summary>
    public const int MaxRows = 1_048_576;

    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const int DateTimeStyle = 1;
    private const int DateStyle = 2;

    public OutputFormat Kind => OutputFormat.Xlsx;

    public async Task<long> WriteAsync(DbDataReader rows, OutputFileOptions options, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Xlsx ?? new XlsxOptions();
        if (settings.Validate() is [var first, ..])
        {
            throw new ArgumentException($"Xlsx.{first.Field}: {first.Message}", nameof(options));
        }
        await using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await XlsxPackageParts.WriteFixedPartsAsync(archive, settings.SheetName, cancellationToken);
        var entry = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
        await using var sheet = await entry.OpenAsync(cancellationToken);
        await using var xml = XmlWriter.Create(sheet, new XmlWriterSettings { Async = true, CheckCharacters = false });
        await xml.WriteStartDocumentAsync(standalone: true);
        await xml.WriteStartElementAsync(null, "worksheet", MainNs);
        await xml.WriteStartElementAsync(null, "sheetData", MainNs);
        var columns = Enumerable.Range(0, rows.FieldCount).Select(ColumnName).ToArray();
        var kinds = ColumnKinds.Of(rows);
        var rowNumber = 0;
        if (settings.Header)
        {
            rowNumber++;
            await WriteRowAsync(xml, rowNumber, columns, i => rows.GetName(i));
        }
        long count = 0;
        while (await rows.ReadAsync(cancellationToken))
        {
            if (rowNumber == MaxRows)
            {
                throw new InvalidDataException($"The result has more rows than an XLSX sheet holds ({MaxRows:N0}, header included).");
            }
            count++;
            rowNumber++;
            await WriteRowAsync(xml, rowNumber, columns, rows.GetValue, kinds);
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        return count;
    }

    private static async Task WriteRowAsync(XmlWriter xml, int rowNumber, string[] columns, Func<int, object?> value, ColumnKind[]? kinds = null)
    {
        var row = rowNumber.ToString(CultureInfo.InvariantCulture);
        await xml.WriteStartElementAsync(null, "row", MainNs);
        await xml.WriteAttributeStringAsync(null, "r", null, row);
        for (var i = 0; i < columns.Length; i++)
        {
            var cell = value(i);
            if (cell is null or DBNull)
            {
                continue;
            }
            await xml.WriteStartElementAsync(null, "c", MainNs);
            await xml.WriteAttributeStringAsync(null, "r", null, columns[i] + row);
            await WriteCellAsync(xml, cell, kinds is null ? ColumnKind.Text : kinds[i]);
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteCellAsync(XmlWriter xml, object cell, ColumnKind kind)
    {
        switch (cell)
        {
            case bool b:
                await xml.WriteAttributeStringAsync(null, "t", null, "b");
                await xml.WriteElementStringAsync(null, "v", MainNs, b ? "1" : "0");
                return;
            case DateTime d:
                await WriteDateAsync(xml, d, d.TimeOfDay == TimeSpan.Zero && kind == ColumnKind.Date ? DateStyle : DateTimeStyle);
                return;
            case DateTimeOffset d:
                await WriteDateAsync(xml, d.DateTime, DateTimeStyle);
                return;
            case DateOnly d:
                await WriteDateAsync(xml, d.ToDateTime(TimeOnly.MinValue), DateStyle);
                return;
            case float or double when kind == ColumnKind.Number && !double.IsFinite(Convert.ToDouble(cell, CultureInfo.InvariantCulture)):
                break;
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal or BigInteger:
                await xml.WriteElementStringAsync(null, "v", MainNs, ((IFormattable)cell).ToString(null, CultureInfo.InvariantCulture));
                return;
            default:
                break;
        }
        await xml.WriteAttributeStringAsync(null, "t", null, "inlineStr");
        await xml.WriteStartElementAsync(null, "is", MainNs);
        await xml.WriteStartElementAsync(null, "t", MainNs);
        await xml.WriteAttributeStringAsync("xml", "space", null, "preserve");
        await xml.WriteStringAsync(XmlSafe(ValueText.Format(cell, "yyyy-MM-dd HH:mm:ss") ?? ""));
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
    }

    private static async Task WriteDateAsync(XmlWriter xml, DateTime value, int style)
    {
        await xml.WriteAttributeStringAsync(null, "s", null, style.ToString(CultureInfo.InvariantCulture));
        await xml.WriteElementStringAsync(null, "v", MainNs, value.ToOADate().ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>XML 1.0 cannot carry most control characters; they become U+FFFD rather than failing the file.</summary>
    private static string XmlSafe(string text)
    {
        if (!text.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r')) && !text.Any(char.IsSurrogate))
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]) || (chars[i] < 0x20 && chars[i] is not ('\t' or '\n' or '\r')))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }
}
