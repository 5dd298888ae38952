namespace Courier.Destinations.Tests;

/// <summary>Reads what a server wrote to its local folder, so tests check results without Courier's own client.</summary>
internal static class LocalDirectory
{
    public static async Task<IReadOnlyDictionary<string, byte[]>> ReadAsync(string root, string directory)
    {
        var path = Path.Combine(root, directory);
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (!Directory.Exists(path))
        {
            return files;
        }
        foreach (var file in Directory.EnumerateFiles(path))
        {
            files[Path.GetFileName(file)] = await File.ReadAllBytesAsync(file);
        }
        return files;
    }
}
