namespace Courier.Destinations.Tests;

/// <summary>Puts a file into a server's local folder, readable by the server's user.</summary>
internal static class LocalPlacement
{
    public static async Task PlaceAsync(string root, string path, byte[] content)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, content);
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        // Servers run as the unprivileged test user; tests run as root. Let the server read and delete.
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(full)!); dir is not null && dir.FullName.Length > root.Length; dir = dir.Parent)
        {
            File.SetUnixFileMode(dir.FullName, (UnixFileMode)0x1FF);
        }
        File.SetUnixFileMode(full, (UnixFileMode)0x1B6);
    }
}
