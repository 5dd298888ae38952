using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Sources.Scripts;

/// <summary>
/// Runs a processing script: after a source (the data file is argv[1]) or alone. Its code is inline
/// or a package (folder or zip) with an entry file; a requirements.txt beside the entry (or at the
/// package root) is installed into a cached virtual environment. The script runs in the run's temp
/// folder with a scrubbed environment plus the task's variables, its output goes to the run log
/// (secrets masked), and a JSON list of paths on its last line replaces the input file.
/// </summary>
public sealed partial class ScriptRunner(ScriptEnvironments environments)
{
    private const string CodeFolder = ".courier-script";

    /// <summary>Lines of script output written to the run log before the rest is only counted.</summary>
    public int MaxLoggedLines { get; init; } = 2000;

    public async Task<ScriptResult> RunAsync(ScriptRequest request, SourceContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var log = context.Log;
        Directory.CreateDirectory(request.WorkingDirectory);
        var (root, entry) = await MaterializeAsync(request, cancellationToken);
        if (!File.Exists(entry))
        {
            throw new SourceException($"The script package has no entry file '{request.Code.EntryFile}'.");
        }

        var interpreter = request.Interpreter;
        var requirements = new[] { Path.Combine(Path.GetDirectoryName(entry)!, "requirements.txt"), Path.Combine(root, "requirements.txt") }
            .FirstOrDefault(File.Exists);
        if (requirements is not null && IsPython(interpreter))
        {
            interpreter = await environments.GetPythonAsync(interpreter, requirements, request.PipArguments ?? [], log, cancellationToken);
        }

        var variables = (request.Variables ?? []).Where(v => v.IsPassed).ToList();
        var secrets = variables.Where(v => v.IsSecret && v.Value.Length > 0).Select(v => v.Value).ToList();
        string Mask(string line) => secrets.Aggregate(line, (text, secret) => text.Replace(secret, "***", StringComparison.Ordinal));

        var lastStdout = "";
        var lastStderr = "";
        var logged = 0;
        var gate = new object();
        void Log(string line, bool error)
        {
            lock (gate)
            {
                if (error)
                {
                    lastStderr = line.Length > 0 ? line : lastStderr;
                }
                else if (line.Trim().Length > 0)
                {
                    lastStdout = line;
                }
                if (++logged <= MaxLoggedLines)
                {
                    if (error)
                    {
                        Stderr(log, Mask(line));
                    }
                    else
                    {
                        Stdout(log, Mask(line));
                    }
                }
            }
        }

        string[] arguments = request.InputFile is null ? [entry] : [entry, Path.GetFullPath(request.InputFile)];
        int exitCode;
        try
        {
            exitCode = await ChildProcess.RunAsync(
                interpreter, arguments, request.WorkingDirectory,
                variables.Select(v => KeyValuePair.Create(v.Name, v.Value)),
                request.TimeoutSeconds is > 0 ? TimeSpan.FromSeconds(request.TimeoutSeconds.Value) : null,
                line => Log(line, error: false), line => Log(line, error: true), cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new SourceException($"The script timed out: {e.Message}", e);
        }
        if (logged > MaxLoggedLines)
        {
            Truncated(log, logged - MaxLoggedLines);
        }
        if (exitCode != 0)
        {
            throw new SourceException($"The script exited with code {exitCode}" + (lastStderr.Length > 0 ? $": {Mask(lastStderr)}" : "."));
        }

        var replaced = ParseFileList(lastStdout, request.WorkingDirectory);
        if (replaced is not null)
        {
            ReplacedFiles(log, replaced.Count);
            return new ScriptResult(exitCode, replaced, FilesReplaced: true);
        }
        return new ScriptResult(exitCode, request.InputFile is null ? [] : [Path.GetFullPath(request.InputFile)], FilesReplaced: false);
    }

    private static async Task<(string Root, string Entry)> MaterializeAsync(ScriptRequest request, CancellationToken cancellationToken)
    {
        var code = request.Code;
        if (code.Text is not null)
        {
            var folder = Path.Combine(request.WorkingDirectory, CodeFolder);
            var file = Path.Combine(folder, Path.GetFileName(code.EntryFile));
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(file, code.Text, cancellationToken);
            return (folder, file);
        }
        var package = code.Package!;
        if (Directory.Exists(package))
        {
            return (Path.GetFullPath(package), Inside(package, code.EntryFile));
        }
        if (File.Exists(package) && package.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            var folder = Path.Combine(request.WorkingDirectory, CodeFolder);
            try
            {
                // ExtractToDirectory refuses entries that would land outside the folder.
                await ZipFile.ExtractToDirectoryAsync(package, folder, overwriteFiles: true, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                throw new SourceException($"The script package is not a valid zip file: {e.Message}", e);
            }
            return (folder, Inside(folder, code.EntryFile));
        }
        throw new SourceException($"The script package '{Path.GetFileName(package)}' is neither a folder nor a .zip file.");
    }

    private static string Inside(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var rootFull = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        return full.StartsWith(rootFull, StringComparison.Ordinal)
            ? full
            : throw new SourceException($"The entry file '{relative}' is outside the script package.");
    }

    private static bool IsPython(string interpreter) =>
        Path.GetFileName(interpreter).StartsWith("python", StringComparison.OrdinalIgnoreCase);

    /// <summary>The files a script announced, or null when its last line is not a JSON list of strings.</summary>
    private static List<string>? ParseFileList(string lastLine, string workingDirectory)
    {
        var text = lastLine.Trim();
        if (!text.StartsWith('[') || !text.EndsWith(']'))
        {
            return null;
        }
        string[]? paths;
        try
        {
            paths = JsonSerializer.Deserialize<string[]>(text);
        }
        catch (JsonException)
        {
            return null;
        }
        if (paths is null)
        {
            return null;
        }
        var files = paths.Select(p => Path.GetFullPath(p, workingDirectory)).ToList();
        var missing = files.Where(f => !File.Exists(f)).ToList();
        return missing.Count == 0
            ? files
            : throw new SourceException($"The script listed files that do not exist: {string.Join(", ", missing.Select(Path.GetFileName))}.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "script: {Line}")]
    private static partial void Stdout(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "script stderr: {Line}")]
    private static partial void Stderr(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} more lines of script output were not logged")]
    private static partial void Truncated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The script replaced the data with {Count} files")]
    private static partial void ReplacedFiles(ILogger logger, int count);
}
