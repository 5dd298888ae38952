namespace Courier.Testing;

/// <summary>
/// Scratch folders for servers. Servers drop privileges (sshd and smbd act as the test user,
/// PostgreSQL runs as <c>postgres</c>), so the folder and the run folder above it must be
/// traversable by other users even when scripts/test created the run folder with mode 0700.
/// </summary>
public static class ServerDirectory
{
    private const UnixFileMode Traversable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const string WindowsMessage = "The server fixtures run Linux daemons.";

    public static string Create(string prefix)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(WindowsMessage);
        }
        var runDirectory = TestRun.Directory;
        var mode = File.GetUnixFileMode(runDirectory);
        if (!mode.HasFlag(UnixFileMode.OtherExecute))
        {
            File.SetUnixFileMode(runDirectory, mode | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        var path = TestRun.NewTempDirectory(prefix);
        File.SetUnixFileMode(path, Traversable);
        return path;
    }

    /// <summary>Makes a sub-folder that the given local user owns (the folder a server writes the user's files to).</summary>
    public static async Task<string> CreateOwnedByAsync(string parent, string name, string user)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(WindowsMessage);
        }
        var path = Path.Combine(parent, name);
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, Traversable);
        await Tool.RunAsync("chown", "chown", [$"{user}:", path]);
        return path;
    }

    /// <summary>Makes a file readable by everyone (servers read some files as the test user).</summary>
    public static void MakeReadable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(WindowsMessage);
        }
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    /// <summary>Removes a server's folder; a folder that is already gone is fine.</summary>
    public static void Delete(string? path)
    {
        if (path is null)
        {
            return;
        }
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already removed.
        }
    }
}
