using Courier.Domain.Model;
using Courier.Domain.Sources;

namespace Courier.Domain.Reports.Sources;

/// <summary>
/// A report made by its processing script alone: there is no input, and the files the script lists
/// on its last line are the report.
/// </summary>
public sealed class ScriptReportSource : IReportSource
{
    public SourceKind Kind => SourceKind.Script;

    public Task<ReportData> OpenAsync(ReportSourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Report.Processing is null
            ? throw new SourceException("A script source needs a processing script.")
            : Task.FromResult(ReportData.FromFiles([]));
    }
}
