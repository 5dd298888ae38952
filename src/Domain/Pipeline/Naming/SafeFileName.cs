using System.Buffers;

namespace Courier.Domain.Pipeline.Naming;

/// <summary>
/// The rule every produced file name obeys, whatever the template or parameter values: one path
/// segment that every destination (SFTP, FTP, SMB, blob) accepts, so a name can never climb out of <c>outputs/{project}/{task}/{run}/</c> or a remote folder.
/// </summary>
public static class SafeFileName
{
    public const int MaxLength = 255;

    private static readonly SearchValues<char> WindowsReserved = SearchValues.Create(":*?\"<>|");

    /// <summary>Why <paramref name="name"/> is not a safe file name, or null when it is.</summary>
    public static string? Problem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            return "The file name is empty.";
        }
        if (name.Length > MaxLength)
        {
            return $"The file name is longer than {MaxLength} characters.";
        }
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return "The file name contains a path separator ('/' or '\\').";
        }
        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "The file name contains '..'.";
        }
        if (name.Any(char.IsControl))
        {
            return "The file name contains a control character.";
        }
        if (name.AsSpan().ContainsAny(WindowsReserved))
        {
            return "The file name contains one of : * ? \" < > | (SMB and Windows refuse them).";
        }
        if (name.EndsWith(' ') || name.EndsWith('.'))
        {
            return "The file name ends with a space or a dot (Windows drops them).";
        }
        if (name.Trim().Length == 0 || name.Trim() == ".")
        {
            return "The file name has no visible characters.";
        }
        return null;
    }

    /// <summary>Returns <paramref name="name"/>, or throws <see cref="FileNameException"/> saying why it is unsafe.</summary>
    public static string Ensure(string name) =>
        Problem(name) is { } problem ? throw new FileNameException(problem) : name;
}
