using System.Globalization;
using Courier.Domain.Model;
using Courier.Domain.Reports.Sources;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Scripts;

namespace Courier.Domain.Reports;

/// <summary>
/// Runs a report's processing script on each file the source gave (or once, alone, when it gave
/// none). The script sees the run's metadata and the project's and task's parameters (task wins)
/// as environment variables; the files it lists on its last line replace its input.
/// </summary>
public sealed class ReportProcessing(ScriptRunner runner, ReportCode code, ReportOptions options)
{
    public async Task<IReadOnlyList<string>> RunAsync(
        ReportBuildRequest run, ReportDefinition report, SourceContext context, IReadOnlyList<string> inputs, string workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inputs);
        var script = report.Processing ?? throw new SourceException("The report has no processing script.");
        var scriptCode = await LoadAsync(script, context, workingDirectory, cancellationToken);
        var variables = Variables(run, report);
        var outputs = new List<string>();
        // A script alone runs once; after a source it runs on each file, each in its own folder so the names it writes never collide.
        IReadOnlyList<string?> each = inputs.Count == 0 ? [null] : [.. inputs];
        for (var i = 0; i < each.Count; i++)
        {
            var request = new ScriptRequest(
                scriptCode,
                Path.Combine(workingDirectory, $"script{i + 1}"),
                each[i],
                Interpreter(script.Language),
                script.TimeoutSeconds,
                variables,
                [.. options.PipArguments]);
            var result = await runner.RunAsync(request, context, cancellationToken);
            outputs.AddRange(result.Files);
        }
        return outputs;
    }

    /// <summary>
    /// Inline or fetched text is one file; a <c>.zip</c> fetched from any location, or a folder (a path
    /// ending in '/') on a file server or in blob storage, is a package of several files (and maybe a
    /// requirements.txt), run from its entry point.
    /// </summary>
    private async Task<ScriptCode> LoadAsync(ProcessingScript script, SourceContext context, string workingDirectory, CancellationToken cancellationToken)
    {
        if (script.Code.Kind != CodeLocationKind.Inline && script.Code.Path?.EndsWith('/') == true)
        {
            var entry = script.EntryPoint is { Length: > 0 } e ? e : throw new SourceException("A script folder needs an entry point: the file in it to run.");
            var folder = Path.Combine(workingDirectory, "script-folder");
            Directory.CreateDirectory(folder);
            await code.DownloadFolderAsync(script.Code, folder, cancellationToken);
            return ScriptCode.FromPackage(folder, entry);
        }
        if (script.Code.Kind != CodeLocationKind.Inline && script.Code.Path?.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) == true)
        {
            var entry = script.EntryPoint is { Length: > 0 } e ? e : throw new SourceException("A zip script package needs an entry point: the file in it to run.");
            Directory.CreateDirectory(workingDirectory);
            var package = Path.Combine(workingDirectory, "script-package.zip");
            await code.DownloadAsync(script.Code, package, cancellationToken);
            return ScriptCode.FromPackage(package, entry);
        }
        var text = await code.LoadTextAsync(script.Code, context.Log, cancellationToken);
        return ScriptCode.Inline(text, script.EntryPoint is { Length: > 0 } name ? Path.GetFileName(name) : DefaultEntry(script.Language));
    }

    private static List<ScriptVariable> Variables(ReportBuildRequest run, ReportDefinition report)
    {
        var variables = new List<ScriptVariable>
        {
            new("COURIER_PROJECT", run.Project.Name),
            new("COURIER_TASK", run.Task.Name),
            new("COURIER_REPORT", report.Name),
            new("COURIER_RUN_ID", run.RunId),
            new("COURIER_RUN_STARTED_AT", run.RunStartedAt.ToString("O", CultureInfo.InvariantCulture)),
        };
        foreach (var (name, value) in RunValues.ByName(run.Project.Parameters.Concat(run.Task.Parameters)))
        {
            variables.Add(new ScriptVariable(name, value));
        }
        return variables;
    }

    private static string Interpreter(string language) =>
        string.Equals(language, "python", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(language) ? "python3" : language;

    private static string DefaultEntry(string language) => language.ToUpperInvariant() switch
    {
        "BASH" or "SH" => "script.sh",
        "NODE" => "script.js",
        "POWERSHELL" or "PWSH" => "script.ps1",
        _ => "script.py",
    };
}
