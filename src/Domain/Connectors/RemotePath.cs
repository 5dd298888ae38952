namespace Courier.Domain.Connectors;

/// <summary>'/'-separated remote path helpers shared by every connector.</summary>
public static class RemotePath
{
    public static string Combine(string directory, string name)
    {
        if (string.IsNullOrEmpty(directory) || name.StartsWith('/'))
        {
            return name;
        }
        return directory.EndsWith('/') ? directory + name : directory + "/" + name;
    }

    /// <summary>The directory part, or "" when the path has none.</summary>
    public static string DirectoryOf(string path)
    {
        var slash = path.TrimEnd('/').LastIndexOf('/');
        return slash switch
        {
            < 0 => "",
            0 => "/",
            _ => path[..slash],
        };
    }

    public static string FileNameOf(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    /// <summary>The directory and each of its parents, outermost first ("a/b/c" → a, a/b, a/b/c).</summary>
    public static IEnumerable<string> Ancestry(string directory)
    {
        var rooted = directory.StartsWith('/');
        var parts = directory.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
        {
            var joined = string.Join('/', parts.Take(i));
            yield return rooted ? "/" + joined : joined;
        }
    }
}
