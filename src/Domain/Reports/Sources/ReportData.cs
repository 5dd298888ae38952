using Courier.Domain.Sources;

namespace Courier.Domain.Reports.Sources;

/// <summary>
/// What a source gave: streamed rows (formatted straight into the output file), or local files
/// (re-formatted, or stored as they are). Disposing it closes the rows and their connection.
/// </summary>
public sealed class ReportData : IAsyncDisposable
{
    private ReportData(IRowSource? rows, IReadOnlyList<string> files)
    {
        Rows = rows;
        Files = files;
    }

    public IRowSource? Rows { get; }

    public IReadOnlyList<string> Files { get; }

    public static ReportData FromRows(IRowSource rows) => new(rows ?? throw new ArgumentNullException(nameof(rows)), []);

    public static ReportData FromFiles(IReadOnlyList<string> files) => new(null, files ?? throw new ArgumentNullException(nameof(files)));

    public async ValueTask DisposeAsync()
    {
        if (Rows is not null)
        {
            await Rows.DisposeAsync();
        }
    }
}
