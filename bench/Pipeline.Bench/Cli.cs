using System.Diagnostics;
using System.Security.Cryptography;
using Courier.Testing;

namespace Courier.Pipeline.Bench;

/// <summary>Reference tools and independent checks.</summary>
internal static class Cli
{
    public static async Task<string> DigestAsync(string tool, string path) =>
        (await Tool.RunAsync(tool, tool, [path], timeout: TimeSpan.FromMinutes(30))).Split(' ')[0];

    public static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }

    /// <summary>SHA-256 of the single entry, as <c>unzip -p</c> extracts it.</summary>
    public static async Task<string> UnzipSha256Async(string zip)
    {
        var start = new ProcessStartInfo("unzip", ["-p", zip]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("unzip did not start.");
        var hash = await SHA256.HashDataAsync(process.StandardOutput.BaseStream);
        await process.WaitForExitAsync();
        return Convert.ToHexStringLower(hash);
    }
}
