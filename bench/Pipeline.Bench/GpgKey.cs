using Courier.Testing;

namespace Courier.Pipeline.Bench;

/// <summary>An RSA-3072 key with an encryption subkey in a private GNUPGHOME, exported for Courier.</summary>
internal static class GpgKey
{
    public const string UserId = "bench@courier.test";

    public static async Task<string> CreateAsync(string home, string exportPath)
    {
        string[] common = ["--homedir", home, "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", ""];
        await Tool.RunAsync("gpg", "gpg", [.. common, "--quick-gen-key", $"Bench <{UserId}>", "rsa3072", "default", "never"]);
        var listing = await Tool.RunAsync("gpg", "gpg", [.. common, "--with-colons", "--list-keys", UserId]);
        var fingerprint = listing.Split('\n').First(l => l.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        await Tool.RunAsync("gpg", "gpg", [.. common, "--quick-add-key", fingerprint, "rsa3072", "encr", "never"]);
        await File.WriteAllTextAsync(exportPath, await Tool.RunAsync("gpg", "gpg", [.. common, "--armor", "--export", UserId]));
        return exportPath;
    }

    public static async Task StopAgentAsync(string home)
    {
        if (Directory.Exists(home))
        {
            await Tool.RunAsync("gpgconf", "gpgconf", ["--homedir", home, "--kill", "all"]);
        }
    }
}
