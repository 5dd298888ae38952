using System.Globalization;
using Courier.Domain.Model;
using Courier.Domain.Pipeline;
using Courier.Domain.Pipeline.Naming;
using Courier.Domain.Pipeline.Options;
using Courier.Domain.Pipeline.Storage;
using Courier.Domain.Reports.Sources;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Files;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Reports;

/// <summary>
/// Builds one report of a run: report conditions → source (picked by kind) → processing script →
/// output files in Blob Storage → row-count conditions → RunFile rows. Dates come from the run's
/// start in the task's time zone, so a retry builds the same names and binds the same dates.
/// </summary>
public sealed partial class ReportBuilder(
    ReportSources sources,
    StoredConnections connections,
    ConditionEvaluator conditions,
    ReportProcessing processing,
    OutputFileBuilder output,
    OutputBlobStore store,
    RunFileRepository runFiles,
    ReportOptions options) : IReportBuilder
{
    public async Task<ReportBuildResult> BuildAsync(ReportBuildRequest request, ILogger runLog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runLog);
        var report = request.Task.Reports.FirstOrDefault(r => string.Equals(r.Name, request.ReportName, StringComparison.Ordinal))
            ?? throw new ReportBuildException($"Task '{request.Task.Name}' has no report '{request.ReportName}'.");
        var build = new Build(request, report, runLog);
        var workingDirectory = Path.Combine(options.WorkingRoot, $"{Guid.NewGuid():N}");
        try
        {
            return await BuildAsync(build, workingDirectory, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Failed(runLog, report.Name, build.Stage, e.Message);
            throw new ReportBuildException($"Report '{report.Name}': {build.Stage} failed: {e.Message}", e);
        }
        finally
        {
            if (Directory.Exists(workingDirectory))
            {
                Directory.Delete(workingDirectory, recursive: true);
            }
        }
    }

    private async Task<ReportBuildResult> BuildAsync(Build build, string workingDirectory, CancellationToken cancellationToken)
    {
        var (run, report, log) = (build.Run, build.Report, build.Log);
        build.Stage = "checking the output settings";
        var fileOptions = FileOptions(report.Output);

        build.Stage = "resolving the parameters";
        var context = RunValues.Context(run.Task, run.Project, new FixedClock(run.RunStartedAt), log);
        var parameters = RunValues.FilterParameters(run.Task, run.Project);
        foreach (var (name, value) in RunValues.ByName(report.Source.Parameters))
        {
            parameters[name] = value;
        }

        foreach (var condition in report.Conditions.Where(c => c.Source == ConditionSourceKind.Query))
        {
            build.Stage = $"checking condition '{condition.Name}'";
            if (await conditions.CheckQueryAsync(condition, context, parameters, cancellationToken) is { } reason)
            {
                return Skip(build, reason);
            }
        }

        build.Stage = "reading the source's connection";
        var connection = report.Source.ConnectionId is { } id ? await connections.GetAsync(id, "source", cancellationToken) : null;

        build.Stage = $"reading the {report.Source.Kind} source";
        Reading(log, report.Name, report.Source.Kind);
        var sourceRequest = new ReportSourceRequest(report, connection, context, parameters, Path.Combine(workingDirectory, "source"), AsFile: report.Processing is not null);
        await using var data = await sources.Get(report.Source.Kind).OpenAsync(sourceRequest, cancellationToken);
        var files = data.Files;
        if (report.Processing is not null)
        {
            build.Stage = "running the processing script";
            files = await processing.RunAsync(run, report, context, files, workingDirectory, cancellationToken);
        }

        build.Stage = "writing the output files";
        var naming = new FileNameContext(
            run.RunStartedAt, context.TimeZone, run.Project.Name, run.Task.Name, run.RunId, context.TaskParameters, context.ProjectParameters)
        {
            ProjectFolder = run.Project.Id.ToString("D"),
            TaskFolder = run.Task.Id.ToString("D"),
        };
        var built = new List<RunFile>();
        try
        {
            if (data.Rows is not null && report.Processing is null)
            {
                built.Add(await output.BuildAsync(data.Rows.Reader, fileOptions, naming, cancellationToken));
            }
            else if (files.Count == 0)
            {
                throw new SourceException("The source and script gave no file.");
            }
            else
            {
                foreach (var file in files)
                {
                    var partOptions = files.Count == 1 ? fileOptions : PartOptions(fileOptions, file);
                    built.Add(await BuildFileAsync(report, file, partOptions, naming, cancellationToken));
                }
            }
            if (built.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
            {
                throw new SourceException($"Two output files would both be named '{clash.Key}'.");
            }

            var rows = built.Sum(f => f.RowCount);
            foreach (var condition in report.Conditions.Where(c => c.Source == ConditionSourceKind.RowCount))
            {
                build.Stage = $"checking condition '{condition.Name}'";
                if (ConditionEvaluator.Compare(condition, rows.ToString(CultureInfo.InvariantCulture)) is { } reason)
                {
                    await DeleteAsync(built, cancellationToken);
                    return Skip(build, reason);
                }
            }
        }
        catch
        {
            await DeleteAsync(built, CancellationToken.None);
            throw;
        }

        build.Stage = "recording the output files";
        foreach (var file in built)
        {
            await runFiles.SaveAsync(file, cancellationToken);
            Stored(log, report.Name, file.Name, file.Size, file.RowCount, file.Sha256);
        }
        return new ReportBuildResult(report.Name, built);
    }

    private async Task<RunFile> BuildFileAsync(ReportDefinition report, string file, OutputFileOptions fileOptions, FileNameContext naming, CancellationToken cancellationToken)
    {
        if (report.Output.Format == Model.OutputFormat.Original)
        {
            await using var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            return await output.BuildAsync(content, fileOptions, naming, cancellationToken);
        }
        await using var reader = new DelimitedInput(report.Source.Delimiter ?? ",").OpenReader(file);
        return await output.BuildAsync(reader, fileOptions, naming, cancellationToken);
    }

    /// <summary>The pipeline's settings; a file kept in its original format goes through the same steps as delimited text.</summary>
    private static OutputFileOptions FileOptions(ReportOutput output)
    {
        if (output.Format == Model.OutputFormat.Original)
        {
            return (output with { Format = Model.OutputFormat.Csv }).ToOutputFileOptions();
        }
        return ReportOutputMapping.IsSupported(output.Format)
            ? output.ToOutputFileOptions()
            : throw new SourceException($"The output format {output.Format} is not produced by the file pipeline.");
    }

    /// <summary>
    /// When a source or script gives several files, each is named by the template with its own name
    /// inserted before the extension (<c>sales_{date}.csv</c> + <c>north.csv</c> → <c>sales_{date}_north.csv</c>),
    /// so the template's dates stay and the parts stay apart.
    /// </summary>
    private static OutputFileOptions PartOptions(OutputFileOptions fileOptions, string file)
    {
        var part = Path.GetFileNameWithoutExtension(file).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
        return fileOptions with
        {
            NameTemplate = InsertPart(fileOptions.NameTemplate, part),
            Zip = fileOptions.Zip?.NameTemplate is { } zipName ? fileOptions.Zip with { NameTemplate = InsertPart(zipName, part) } : fileOptions.Zip,
        };
    }

    private static string InsertPart(string template, string part)
    {
        var dot = template.LastIndexOf('.');
        return dot > template.LastIndexOf('}') && dot > 0 ? $"{template[..dot]}_{part}{template[dot..]}" : $"{template}_{part}";
    }

    private async Task DeleteAsync(IEnumerable<RunFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            await store.Blob(file.BlobPath[(store.ContainerName.Length + 1)..]).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    private static ReportBuildResult Skip(Build build, string reason)
    {
        Skipped(build.Log, build.Report.Name, reason);
        return new ReportBuildResult(build.Report.Name, [], reason);
    }

    /// <summary>The report being built and the stage it is at, for the error message.</summary>
    private sealed class Build(ReportBuildRequest run, ReportDefinition report, ILogger log)
    {
        public ReportBuildRequest Run => run;

        public ReportDefinition Report => report;

        public ILogger Log => log;

        public string Stage { get; set; } = "starting";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report '{Report}': reading the {Kind} source")]
    private static partial void Reading(ILogger logger, string report, SourceKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report '{Report}': stored {File} ({Size} bytes, {Rows} rows, sha256 {Sha256})")]
    private static partial void Stored(ILogger logger, string report, string file, long size, long rows, string sha256);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report '{Report}' is skipped: {Reason}")]
    private static partial void Skipped(ILogger logger, string report, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report '{Report}': {Stage} failed: {Reason}")]
    private static partial void Failed(ILogger logger, string report, string stage, string reason);
}
