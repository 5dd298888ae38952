namespace Courier.Testing;

/// <summary>
/// Where this test run keeps its scratch files and the PIDs of the servers it started.
/// <c>COURIER_TEST_RUN_DIR</c> (set by scripts/test) lets the script check for leftovers afterwards.
/// </summary>
public static class TestRun
{
    private static readonly Lazy<string> DirectoryLazy = new(() =>
    {
        var dir = Environment.GetEnvironmentVariable("COURIER_TEST_RUN_DIR");
        if (string.IsNullOrEmpty(dir))
        {
            dir = Path.Combine(Path.GetTempPath(), "courier-tests");
        }
        System.IO.Directory.CreateDirectory(Path.Combine(dir, "pids"));
        return dir;
    });

    public static string Directory => DirectoryLazy.Value;

    /// <summary>A fresh scratch folder for one server or test; the caller deletes it.</summary>
    public static string NewTempDirectory(string prefix)
    {
        var path = Path.Combine(Directory, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    internal static string RecordPid(string name, int pid)
    {
        var file = Path.Combine(Directory, "pids", $"{pid}");
        File.WriteAllText(file, name);
        return file;
    }
}
