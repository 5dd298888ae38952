using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Sources.Scripts;

/// <summary>
/// Python virtual environments for scripts that ship a requirements.txt, cached by the interpreter,
/// the requirements and the pip arguments: the first run installs, later runs reuse. A file lock
/// per environment keeps parallel runs from building the same one twice.
/// </summary>
public sealed partial class ScriptEnvironments(string cacheDirectory)
{
    private const string ReadyMarker = ".courier-ready";

    /// <summary>The python of the environment with <paramref name="requirementsFile"/> installed, building it if needed.</summary>
    public async Task<string> GetPythonAsync(
        string interpreter, string requirementsFile, IReadOnlyList<string> pipArguments, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pipArguments);
        var requirements = await File.ReadAllTextAsync(requirementsFile, cancellationToken);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{interpreter}\n{requirements}\n{string.Join('\n', pipArguments)}")))[..20];
        var directory = Path.Combine(cacheDirectory, key);
        var python = Path.Combine(directory, "bin", "python");
        if (File.Exists(Path.Combine(directory, ReadyMarker)))
        {
            return python;
        }

        Directory.CreateDirectory(cacheDirectory);
        await using var machineLock = await LockAsync(Path.Combine(cacheDirectory, key + ".lock"), cancellationToken);
        if (File.Exists(Path.Combine(directory, ReadyMarker)))
        {
            return python;
        }
        if (Directory.Exists(directory))
        {
            // A build that died half-way.
            Directory.Delete(directory, recursive: true);
        }
        Building(log, key);
        await RunAsync(interpreter, ["-m", "venv", directory], cacheDirectory, log, cancellationToken);
        await RunAsync(python, ["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-q", "-r", requirementsFile, .. pipArguments],
            cacheDirectory, log, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, ReadyMarker), requirements, cancellationToken);
        return python;
    }

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments, string directory, ILogger log, CancellationToken cancellationToken)
    {
        var lastError = "";
        int exitCode;
        try
        {
            exitCode = await ChildProcess.RunAsync(fileName, arguments, directory, [], TimeSpan.FromMinutes(10),
                line => Output(log, line), line =>
                {
                    lastError = line;
                    Output(log, line);
                }, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new SourceException($"Installing the script's requirements took too long: {e.Message}", e);
        }
        if (exitCode != 0)
        {
            throw new SourceException($"Installing the script's requirements failed (exit code {exitCode}): {lastError}");
        }
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Building the script's Python environment {Key} from requirements.txt")]
    private static partial void Building(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "pip: {Line}")]
    private static partial void Output(ILogger logger, string line);
}
