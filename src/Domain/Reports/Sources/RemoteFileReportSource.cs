using Courier.Domain.Model;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Files;

namespace Courier.Domain.Reports.Sources;

/// <summary>A file (with wildcards: the newest match, or every match as its own file) fetched from an SFTP, FTP, SMB, blob or HTTP connection.</summary>
public sealed class RemoteFileReportSource(RemoteFileSource files) : IReportSource
{
    public SourceKind Kind => SourceKind.RemoteFile;

    public async Task<ReportData> OpenAsync(ReportSourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Report.Source.Path is { Length: > 0 } p ? p : throw new SourceException("The remote file source needs a path.");
        await using var fileSystem = await ConnectionFileSystems.ConnectAsync(request.RequiredConnection, cancellationToken);
        var selection = request.Report.Source.Matches == FileMatch.All ? RemoteFileSelection.All : RemoteFileSelection.Newest;
        var fetched = await files.FetchAsync(fileSystem, path, selection, request.WorkingDirectory, request.Context, cancellationToken);
        return ReportData.FromFiles(fetched);
    }
}
