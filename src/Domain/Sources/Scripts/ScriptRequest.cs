namespace Courier.Domain.Sources.Scripts;

/// <summary>A processing script to run.</summary>
/// <param name="Code">The script: inline text, or a folder or zip package with an entry file.</param>
/// <param name="WorkingDirectory">The run's own temp folder: the script's current directory, where new files go. The caller deletes it.</param>
/// <param name="InputFile">The data file (argv[1]); null when the script is the whole source.</param>
/// <param name="Interpreter">The program that runs the entry file; python3 unless the task says otherwise.</param>
/// <param name="TimeoutSeconds">After this the whole process tree is killed.</param>
/// <param name="PipArguments">Extra arguments for <c>pip install</c> (an index mirror, or <c>--no-index --find-links</c> for a local wheel folder).</param>
public sealed record ScriptRequest(
    ScriptCode Code,
    string WorkingDirectory,
    string? InputFile = null,
    string Interpreter = "python3",
    int? TimeoutSeconds = null,
    IReadOnlyList<ScriptVariable>? Variables = null,
    IReadOnlyList<string>? PipArguments = null);
