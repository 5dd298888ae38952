using Courier.Domain.Model;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Ssh;

namespace Courier.Domain.Reports.Sources;

/// <summary>A command run over SSH; its standard output, streamed to a file, is the data.</summary>
public sealed class SshCommandReportSource(SshCommandSource ssh, ReportCode code) : IReportSource
{
    /// <summary>The file the command's standard output is written to.</summary>
    public const string OutputFileName = "output.txt";

    public SourceKind Kind => SourceKind.SshCommand;

    public async Task<ReportData> OpenAsync(ReportSourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = request.RequiredConnection;
        var settings = connection.Settings;
        var command = await code.LoadTextAsync(request.RequiredQuery, request.Context.Log, cancellationToken);
        var sshRequest = new SshCommandRequest(
            settings.Host ?? throw new SourceException($"The SSH connection '{connection.Name}' has no host."),
            settings.Username ?? throw new SourceException($"The SSH connection '{connection.Name}' has no user name."),
            settings.HostKeyFingerprint ?? "",
            command.Trim(),
            settings.Port ?? 22,
            connection.Secrets.Password,
            connection.Secrets.PrivateKey,
            connection.Secrets.PrivateKeyPassphrase,
            request.Report.Source.TimeoutSeconds ?? settings.TimeoutSeconds);
        Directory.CreateDirectory(request.WorkingDirectory);
        var path = Path.Combine(request.WorkingDirectory, OutputFileName);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await ssh.RunAsync(sshRequest, request.Context, file, cancellationToken);
        }
        return ReportData.FromFiles([path]);
    }
}
