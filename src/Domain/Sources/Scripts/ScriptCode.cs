namespace Courier.Domain.Sources.Scripts;

/// <summary>Where a script's code is: inline text, a folder, or a zip package, plus the file to run.</summary>
public sealed record ScriptCode
{
    private ScriptCode(string? text, string? package, string entryFile)
    {
        Text = text;
        Package = package;
        EntryFile = entryFile;
    }

    /// <summary>The code itself, when inline.</summary>
    public string? Text { get; }

    /// <summary>A local folder or .zip holding the script and the files it imports (and maybe requirements.txt).</summary>
    public string? Package { get; }

    /// <summary>The file to run, relative to the package root.</summary>
    public string EntryFile { get; }

    public static ScriptCode Inline(string text, string fileName = "script.py") =>
        new(text ?? throw new ArgumentNullException(nameof(text)), null, fileName);

    public static ScriptCode FromPackage(string folderOrZip, string entryFile) =>
        new(null, folderOrZip ?? throw new ArgumentNullException(nameof(folderOrZip)), entryFile ?? throw new ArgumentNullException(nameof(entryFile)));
}
