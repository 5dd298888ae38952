namespace Courier.Domain.Model;

/// <summary>
/// An optional script run on the source's output file (passed as the first argument); it may print
/// a list of new file paths that replace it. Task and project parameters are environment variables.
/// </summary>
public sealed record ProcessingScript
{
    /// <summary>Interpreter, e.g. <c>python</c>.</summary>
    public string Language { get; init; } = "python";

    public required CodeLocation Code { get; init; }

    /// <summary>For a multi-file package (a <c>.zip</c> at <see cref="Code"/>'s path, or a folder: a path ending in '/'): the file in it to run.</summary>
    public string? EntryPoint { get; init; }

    public int? TimeoutSeconds { get; init; }
}
