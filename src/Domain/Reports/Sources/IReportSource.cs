using Courier.Domain.Model;

namespace Courier.Domain.Reports.Sources;

/// <summary>
/// One kind of report source (SQL, remote file, SSH command, script only). Each kind is one small
/// class registered with one line (<c>AddReportSource&lt;T&gt;()</c>); the report builder picks the
/// one whose <see cref="Kind"/> matches and never looks at the kind itself.
/// </summary>
public interface IReportSource
{
    SourceKind Kind { get; }

    /// <summary>Reads the source: rows to format, or local files in the request's working directory.</summary>
    Task<ReportData> OpenAsync(ReportSourceRequest request, CancellationToken cancellationToken);
}
