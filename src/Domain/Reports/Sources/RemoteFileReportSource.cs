using Courier.Domain.Model;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Files;

namespace Courier.Domain.Reports.Sources;

/// <summary>A file (the newest match of a wildcard) fetched from an SFTP, FTP, SMB, blob or HTTP connection.</summary>
public sealed class RemoteFileReportSource(RemoteFileSource files) : IReportSource
{
    public SourceKind Kind => SourceKind.RemoteFile;

    public async Task<ReportData> OpenAsync(ReportSourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Report.Source.Path is { Length: > 0 } p ? p : throw new SourceException("The remote file source needs a path.");
        await using var fileSystem = await ConnectionFileSystems.ConnectAsync(request.RequiredConnection, cancellationToken);
        var fetched = await files.FetchAsync(fileSystem, path, RemoteFileSelection.Newest, request.WorkingDirectory, request.Context, cancellationToken);
        return ReportData.FromFiles(fetched);
    }
}
