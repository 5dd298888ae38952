using System.Globalization;
using System.IO.Compression;
using Courier.Domain.Pipeline.Hashing;
using Courier.Domain.Pipeline.Steps.Pgp;
using Courier.Pipeline.Bench;
using Courier.Testing;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

// Usage: Pipeline.Bench [--rounds N] [megabytes] [pgp]   (default 3 rounds of a 1 GiB file; 'pgp': only Courier's PGP row)
//        Pipeline.Bench --child <mode> <input> <output> [public key file]   (one measured Courier run)
// Both sides run as processes under /usr/bin/time (wall, user+sys CPU, max RSS), so the figures
// are alike. Modes: pgp (Courier), pgp-bc (plain BouncyCastle stream, the
// approach Courier replaced), hash, zip.
// The tool and Courier alternate for N rounds (one for the slow rows: plain BouncyCastle, zip): writing 1 GB
// through the page cache costs gpg 1.6–2.7 s and Courier 0.6–2.6 s of kernel time from one run
// to the next on this host while user time stays within 0.2 s, so one round of each is a coin toss.
const int CopyBuffer = 1 << 20;

if (args.Length >= 4 && args[0] == "--child")
{
    Console.WriteLine(await RunChild(args[1], args[2], args[3], args.Length > 4 ? args[4] : null));
    return 0;
}

var rounds = args.Length > 1 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var positional = args.Length > 1 && args[0] == "--rounds" ? args[2..] : args;
var megabytes = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 1024;
var only = positional.Length > 1 ? positional[1] : "all";
var scratch = TestRun.NewTempDirectory("pipeline-bench");
var gpgHome = Path.Combine(scratch, "gnupg");
try
{
    var input = Path.Combine(scratch, "input.csv");
    Console.WriteLine($"Generating {megabytes} MiB of deterministic CSV-like text ...");
    InputFile.Write(input, (long)megabytes << 20);
    Directory.CreateDirectory(gpgHome);
    var publicKey = await GpgKey.CreateAsync(gpgHome, Path.Combine(scratch, "public.asc"));
    var inputSha256 = Cli.Sha256(input);
    var timing = Path.Combine(scratch, "timing");

    Console.WriteLine($"{megabytes} MiB input; load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
    Console.WriteLine($"wall/CPU: whole process (user+sys), measured by /usr/bin/time for both sides, best of {rounds} alternating rounds (plain BouncyCastle and zip: 1);");
    Console.WriteLine("×wall med: the ratio of the median walls. CPU is the fairer figure on a loaded machine.");
    Console.WriteLine($"{"operation",-33} {"reference",-20} {"ref wall",8} {"ref CPU",8} {"Courier wall",12} {"Courier CPU",11} {"×wall",6} {"×CPU",6} {"×wall med",9} {"RSS MB",7}  check");

    // PGP: gpg without compression, the same key; every output is decrypted by gpg to prove it.
    var gpgOut = Path.Combine(scratch, "gpg.gpg");
    Task<Timed> EncryptWithGpg() => Timed.RunAsync(timing, "gpg", ["--homedir", gpgHome, "--batch", "--yes", "--trust-model", "always", "-z", "0", "--encrypt", "--recipient", GpgKey.UserId, "--output", gpgOut, input]);
    foreach (var mode in only == "all" ? ["pgp", "pgp-bc"] : new[] { "pgp" })
    {
        var output = Path.Combine(scratch, $"{mode}.gpg");
        var (gpg, courier) = await Alternate(mode == "pgp" ? rounds : 1, EncryptWithGpg, () => Child(timing, mode, input, output, publicKey));
        File.Delete(gpgOut);
        var check = await DecryptsTo(gpgHome, output, inputSha256, scratch) ? "gpg decrypts it, sha256 equal" : "GPG OUTPUT DIFFERS";
        Report(mode == "pgp" ? "PGP encrypt (Courier)" : "PGP (plain BouncyCastle stream)", "gpg -z 0 --encrypt", gpg, courier, check);
        File.Delete(output);
    }

    if (only != "all")
    {
        return 0;
    }

    // Hashes: md5sum then sha256sum (two processes, two reads) against one pass computing both.
    {
        var (tools, courier) = await Alternate(
            rounds,
            async () => await Timed.RunAsync(timing, "md5sum", [input]) + await Timed.RunAsync(timing, "sha256sum", [input]),
            () => Child(timing, "hash", input, "-", null));
        var digests = courier[0].Output.Split(' ');
        var toolDigests = tools[0].Output.Split('\n').Select(line => line.Split(' ')[0]).ToArray();
        var same = digests[0] == toolDigests[0] && digests[1] == toolDigests[1] ? "md5 and sha256 equal the tools'" : "DIGESTS DIFFER";
        Report("md5 + sha256 + size (Courier)", "md5sum + sha256sum", tools, courier, same);
    }

    // Zip: Info-ZIP's default level 6 against .NET's Optimal (zlib level 6); both must unzip to the input.
    var zipOut = Path.Combine(scratch, "ref.zip");
    var zip = await Timed.RunAsync(timing, "zip", ["-q", "-j", "-6", zipOut, input]);
    var zipSize = new FileInfo(zipOut).Length;
    File.Delete(zipOut);
    {
        var output = Path.Combine(scratch, "courier.zip");
        var courier = await Child(timing, "zip", input, output, null);
        var unzipped = await Cli.UnzipSha256Async(output) == inputSha256;
        var ratio = (double)new FileInfo(output).Length / zipSize;
        Report("zip (Courier)", "zip -6", [zip], [courier], unzipped ? $"unzip gives the input; size ×{ratio:0.000} of zip's" : "UNZIP DIFFERS");
        File.Delete(output);
    }
    Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
}
finally
{
    await GpgKey.StopAgentAsync(gpgHome);
    Directory.Delete(scratch, recursive: true);
}
return 0;

static async Task<string> RunChild(string mode, string input, string output, string? keyFile)
{
    await using var source = new FileStream(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    switch (mode)
    {
        case "hash":
        {
            using var hashing = new HashingStream(Stream.Null);
            await source.CopyToAsync(hashing, CopyBuffer);
            var digest = hashing.Complete();
            return $"{digest.Md5} {digest.Sha256} {digest.Size}";
        }
        case "zip":
        {
            await using var target = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            await using var archive = new ZipArchive(target, ZipArchiveMode.Create);
            await using var entry = await archive.CreateEntry(Path.GetFileName(input), CompressionLevel.Optimal).OpenAsync();
            await source.CopyToAsync(entry, CopyBuffer);
            return "";
        }
        default:
        {
            var key = PgpRecipient.FindEncryptionKey(await File.ReadAllTextAsync(keyFile!));
            await using var target = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            await using var encrypting = mode == "pgp"
                ? PgpEncryptor.Open(target, key, Path.GetFileName(input), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), armor: false)
                : BouncyCastleStream(target, key, Path.GetFileName(input));
            await source.CopyToAsync(encrypting, CopyBuffer);
            return "";
        }
    }
}

// The straightforward BouncyCastle chain (generator + literal data, 64 KB buffers, no compression).
static Stream BouncyCastleStream(Stream output, PgpPublicKey key, string name)
{
    var generator = new PgpEncryptedDataGenerator(SymmetricKeyAlgorithmTag.Aes256, true, new SecureRandom());
    generator.AddMethod(key);
    var encrypted = generator.Open(output, new byte[1 << 16]);
    var literal = new PgpLiteralDataGenerator().Open(encrypted, PgpLiteralData.Binary, name, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new byte[1 << 16]);
    return new Courier.Domain.Pipeline.Streams.OwningStream(literal, encrypted);
}

static Task<Timed> Child(string timing, string mode, string input, string output, string? keyFile)
{
    var self = Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal)
        ? [typeof(Program).Assembly.Location]
        : Array.Empty<string>();
    return Timed.RunAsync(timing, Environment.ProcessPath!, [.. self, "--child", mode, input, output, .. keyFile is null ? Array.Empty<string>() : [keyFile]]);
}

static Task<string> Gpg(string home, params string[] arguments) =>
    Tool.RunAsync("gpg", "gpg", ["--homedir", home, "--batch", "--yes", .. arguments], timeout: TimeSpan.FromMinutes(30));

static async Task<bool> DecryptsTo(string home, string encrypted, string sha256, string scratch)
{
    var plain = Path.Combine(scratch, "decrypted");
    await Gpg(home, "--pinentry-mode", "loopback", "--passphrase", "", "--output", plain, "--decrypt", encrypted);
    var same = Cli.Sha256(plain) == sha256;
    File.Delete(plain);
    return same;
}

static async Task<(List<Timed> Tool, List<Timed> Courier)> Alternate(int rounds, Func<Task<Timed>> tool, Func<Task<Timed>> courier)
{
    var tools = new List<Timed>();
    var couriers = new List<Timed>();
    for (var round = 0; round < rounds; round++)
    {
        tools.Add(await tool());
        couriers.Add(await courier());
    }
    return (tools, couriers);
}

static void Report(string operation, string reference, IReadOnlyList<Timed> tool, IReadOnlyList<Timed> courier, string check)
{
    var toolWall = tool.Min(t => t.Wall);
    var toolCpu = tool.Min(t => t.Cpu);
    var courierWall = courier.Min(t => t.Wall);
    var courierCpu = courier.Min(t => t.Cpu);
    var medianRatio = Median(courier.Select(t => t.Wall)) / Median(tool.Select(t => t.Wall));
    Console.WriteLine(
        $"{operation,-33} {reference,-20} {toolWall,8:0.00} {toolCpu,8:0.00} {courierWall,12:0.00} {courierCpu,11:0.00} {courierWall / toolWall,6:0.00} {courierCpu / toolCpu,6:0.00} {medianRatio,9:0.00} {courier.Max(t => t.PeakRssMegabytes),7:0}  {check}");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
