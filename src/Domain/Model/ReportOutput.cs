namespace Courier.Domain.Model;

/// <summary>
/// How a report becomes a file: format, then line suffix, PGP (name + <c>.gpg</c>), zip, hashes
/// (DESIGN §5 pipeline). The Pipeline builds its writers from these settings.
/// </summary>
public sealed record ReportOutput
{
    public OutputFormat Format { get; init; } = OutputFormat.Csv;

    /// <summary>
    /// File-name template: literal text plus <c>{token}</c>s (dates in the run's time zone with
    /// arithmetic, parameters, run id). A bare name only: no <c>/</c>, <c>\</c> or <c>..</c>.
    /// </summary>
    public required string FileNameTemplate { get; init; }

    /// <summary>Delimited text: the field separator (one or more characters).</summary>
    public string Delimiter { get; init; } = ",";

    /// <summary>Delimited text: which fields are quoted.</summary>
    public QuoteMode Quoting { get; init; } = QuoteMode.Minimal;

    /// <summary>Text formats: the character encoding name (e.g. <c>utf-8</c>, <c>windows-1252</c>).</summary>
    public string Encoding { get; init; } = "utf-8";

    /// <summary>Text formats: write a byte-order mark.</summary>
    public bool ByteOrderMark { get; init; }

    /// <summary>Write the column names as the first line (or row).</summary>
    public bool IncludeHeader { get; init; } = true;

    /// <summary>Text formats: characters appended to every line before the terminator.</summary>
    public string? LineSuffix { get; init; }

    /// <summary>Text formats: the line terminator.</summary>
    public LineEnding LineEnding { get; init; } = LineEnding.CrLf;

    /// <summary>Fixed-width: the width of each column, in order.</summary>
    public IReadOnlyList<int> ColumnWidths { get; init; } = [];

    /// <summary>XLSX: the sheet name.</summary>
    public string? SheetName { get; init; }

    /// <summary>When set, the file is PGP-encrypted with the public key of this gpgKey connection.</summary>
    public Guid? PgpKeyConnectionId { get; init; }

    /// <summary>Put the (encrypted) file in a zip archive.</summary>
    public bool Zip { get; init; }

    /// <summary>Zip archive name template (same rules as the file name); null: file name + <c>.zip</c>.</summary>
    public string? ZipFileNameTemplate { get; init; }
}
