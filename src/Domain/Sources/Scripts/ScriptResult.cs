namespace Courier.Domain.Sources.Scripts;

/// <summary>
/// What a script left: the files that go on down the pipeline (those it printed as a JSON list on
/// its last line, or else the input file unchanged) and its exit code.
/// </summary>
public sealed record ScriptResult(int ExitCode, IReadOnlyList<string> Files, bool FilesReplaced);
