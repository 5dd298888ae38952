using System.Diagnostics;

namespace Courier.Pipeline.Tests;

/// <summary>Runs a reference command-line tool (md5sum, sha256sum, unzip) and returns its standard output as bytes.</summary>
internal static class Cli
{
    public static byte[] Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        using var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.ToArray()
            : throw new InvalidOperationException($"{tool} exited with {process.ExitCode}: {error.Result}");
    }

    /// <summary>The first word of md5sum/sha256sum output: the lower-case hex digest.</summary>
    public static string Digest(string tool, string path) =>
        System.Text.Encoding.ASCII.GetString(Run(tool, path)).Split(' ')[0];
}
