using System.Diagnostics;

namespace Courier.Testing;

/// <summary>The real gpg in a private GNUPGHOME: makes keys, exports them and decrypts what Courier wrote.</summary>
public sealed class Gpg : IDisposable
{
    public Gpg()
    {
        Home = Directory.CreateTempSubdirectory("courier-gpg-").FullName;
        RsaFingerprint = GenerateRsaWithEncryptionSubkey("Courier RSA <rsa@courier.test>");
        Run("--quick-gen-key", "Courier Curve <curve@courier.test>", "future-default", "default", "never");
        Run("--quick-gen-key", "Signing Only <sign@courier.test>", "rsa2048", "sign", "never");
    }

    public string Home { get; }

    public string RsaFingerprint { get; }

    public string RsaPublicKey => Run("--armor", "--export", "rsa@courier.test");

    public string CurvePublicKey => Run("--armor", "--export", "curve@courier.test");

    public string SigningOnlyPublicKey => Run("--armor", "--export", "sign@courier.test");

    /// <summary>Decrypts <paramref name="encrypted"/> into <paramref name="plain"/>; gpg's stderr says which cipher and whether the MDC held.</summary>
    public string Decrypt(string encrypted, string plain) => Run(["--verbose", "--output", plain, "--decrypt", encrypted], captureError: true);

    public string Run(params string[] arguments) => Run(arguments, captureError: false);

    public void Dispose()
    {
        using (var kill = Process.Start(new ProcessStartInfo("gpgconf", ["--homedir", Home, "--kill", "all"]) { RedirectStandardError = true }))
        {
            kill?.WaitForExit();
        }
        Directory.Delete(Home, recursive: true);
    }

    private string GenerateRsaWithEncryptionSubkey(string userId)
    {
        Run("--quick-gen-key", userId, "rsa3072", "default", "never");
        var listing = Run("--with-colons", "--list-keys", userId);
        var fingerprint = listing.Split('\n').First(line => line.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        Run("--quick-add-key", fingerprint, "rsa3072", "encr", "never");
        return fingerprint;
    }

    private string Run(string[] arguments, bool captureError)
    {
        var start = new ProcessStartInfo("gpg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--homedir", Home, "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", "", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("gpg did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"gpg {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
        }
        return captureError ? error.Result : output.Result;
    }
}
