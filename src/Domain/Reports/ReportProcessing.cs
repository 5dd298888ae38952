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
        var text = await code.LoadTextAsync(script.Code, context.Log, cancellationToken);
        var scriptCode = ScriptCode.Inline(text, script.EntryPoint is { Length: > 0 } entry ? Path.GetFileName(entry) : DefaultEntry(script.Language));
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
