using System.Diagnostics;

namespace Courier.Sources.Tests.Reports;

/// <summary>The real gpg in a private GNUPGHOME: one RSA key to encrypt for, and decryption of what Courier wrote.</summary>
public sealed class GpgHome : IDisposable
{
    public GpgHome()
    {
        Home = Directory.CreateTempSubdirectory("courier-gpg-").FullName;
        Run("--quick-gen-key", "Courier Reports <reports@courier.test>", "rsa2048", "default", "never");
        var fingerprint = Run("--with-colons", "--list-keys", "reports@courier.test")
            .Split('\n').First(line => line.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        Run("--quick-add-key", fingerprint, "rsa2048", "encr", "never");
        PublicKey = Run("--armor", "--export", "reports@courier.test");
    }

    public string Home { get; }

    public string PublicKey { get; }

    public void Decrypt(string encrypted, string plain) => Run("--output", plain, "--decrypt", encrypted);

    public void Dispose()
    {
        using (var kill = Process.Start(new ProcessStartInfo("gpgconf", ["--homedir", Home, "--kill", "all"]) { RedirectStandardError = true }))
        {
            kill?.WaitForExit();
        }
        Directory.Delete(Home, recursive: true);
    }

    private string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("gpg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--homedir", Home, "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", "", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("gpg did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException($"gpg {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
    }
}
