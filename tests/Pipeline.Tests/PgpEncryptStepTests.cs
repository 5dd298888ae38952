using System.Security.Cryptography;
using Courier.Domain.Pipeline.Naming;
using Courier.Domain.Pipeline.Options;
using Courier.Domain.Pipeline.Steps;
using Courier.Testing;

namespace Courier.Pipeline.Tests;

public sealed class PgpEncryptStepTests(Gpg gpg) : IClassFixture<Gpg>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("courier-pgp-").FullName;

    [Theory]
    [InlineData("rsa", 0)]
    [InlineData("rsa", 1)]
    [InlineData("rsa", 1000)]
    [InlineData("rsa", 1 << 20)]
    [InlineData("rsa", (3 << 20) + 12345)]
    [InlineData("curve", 0)]
    [InlineData("curve", (1 << 20) + 77)]
    public async Task Gpg_decrypts_what_Courier_encrypts(string key, int size)
    {
        var plain = RandomNumberGenerator.GetBytes(size);
        var step = Step();
        var context = Context(new PgpOptions(key));

        var encrypted = await Encrypt(step, context, plain);

        Assert.Equal("report.csv.gpg", step.Rename("report.csv", context));
        var decrypted = Path.Combine(_folder, "out.csv");
        var log = gpg.Decrypt(encrypted, decrypted);
        Assert.Equal(SHA256.HashData(plain), SHA256.HashData(File.ReadAllBytes(decrypted)));
        Assert.Contains("AES256", log, StringComparison.Ordinal);
        // gpg warns "message was not integrity protected" when the MDC is missing.
        Assert.DoesNotContain("WARNING", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Armored_output_is_decrypted_too_and_named_asc()
    {
        var plain = RandomNumberGenerator.GetBytes(200_000);
        var step = Step();
        var context = Context(new PgpOptions("rsa", Armor: true));

        var encrypted = await Encrypt(step, context, plain);

        Assert.StartsWith("-----BEGIN PGP MESSAGE-----", File.ReadAllText(encrypted), StringComparison.Ordinal);
        Assert.Equal("report.csv.asc", step.Rename("report.csv", context));
        var decrypted = Path.Combine(_folder, "armored.out");
        gpg.Decrypt(encrypted, decrypted);
        Assert.Equal(plain, File.ReadAllBytes(decrypted));
    }

    [Fact]
    public async Task A_tampered_file_fails_gpgs_integrity_check()
    {
        var encrypted = await Encrypt(Step(), Context(new PgpOptions("rsa")), RandomNumberGenerator.GetBytes(5000));
        var bytes = File.ReadAllBytes(encrypted);
        bytes[^30] ^= 0x01;
        File.WriteAllBytes(encrypted, bytes);

        Assert.Throws<InvalidOperationException>(() => gpg.Decrypt(encrypted, Path.Combine(_folder, "tampered.out")));
    }

    [Fact]
    public async Task A_key_without_an_encryption_subkey_is_refused_with_a_hint()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Encrypt(Step(), Context(new PgpOptions("sign")), [1, 2, 3]));

        Assert.Contains("--quick-add-key", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private PgpEncryptStep Step() => new(new KeySource(new()
    {
        ["rsa"] = gpg.RsaPublicKey,
        ["curve"] = gpg.CurvePublicKey,
        ["sign"] = gpg.SigningOnlyPublicKey,
    }));

    private static StepContext Context(PgpOptions pgp) => new(
        new OutputFileOptions("report.csv", Pgp: pgp),
        new FileNameContext(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc, "p", "t", "r"));

    private async Task<string> Encrypt(PgpEncryptStep step, StepContext context, byte[] plain)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".gpg");
        await using (var file = File.Create(path))
        {
            await using var encrypting = await step.OpenAsync(new NonSeekableStream(file), "report.csv", context, CancellationToken.None);
            // Odd-sized writes cross every internal chunk boundary.
            for (var offset = 0; offset < plain.Length; offset += 77_777)
            {
                await encrypting.WriteAsync(plain.AsMemory(offset, Math.Min(77_777, plain.Length - offset)));
            }
        }
        return path;
    }
}
