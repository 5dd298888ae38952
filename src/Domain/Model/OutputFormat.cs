namespace Courier.Domain.Model;

/// <summary>The file format a report is written in.</summary>
public enum OutputFormat
{
    /// <summary>Delimited text (the delimiter decides comma, pipe, tab…).</summary>
    Csv,

    /// <summary>Fixed-width text.</summary>
    FixedWidth,
    Xlsx,
    Html,
    Pdf,
    Json,

    /// <summary>Keep the source file as it is (remote-file and script sources): no re-formatting.</summary>
    Original,
}
