// SFTP throughput, side by side in one run against one private sshd:
//   upload   (delivery):            Courier SftpFileSystem.UploadAsync   vs  OpenSSH `sftp -b` put
//   download (remote-file sources): Courier SftpFileSystem.DownloadAsync vs  OpenSSH `sftp -b` get
// Goals (issue 6): upload ≤ 0.8× sftp's time, download ≤ 1.2×. Usage: dotnet run -c Release -- [megabytes=1024] [rounds=2]
// The three clients take turns within each round, and each prints its best of the rounds.
// The goals compare with sftp as it runs by default (chacha20-poly1305 on OpenSSH 9), whose rate the issue's
// reference figures match; sftp forced to the cipher Courier negotiated (`sftp -c`) is printed beside it as the stricter comparison.
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Sftp;
using Courier.Testing;

var megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1024;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
var scratch = TestRun.NewTempDirectory("sftp-bench");
await using var ssh = await SshServer.StartAsync();
try
{
    var source = Path.Combine(scratch, "source.bin");
    var expected = WriteRandomFile(source, megabytes);
    var settings = new SftpSettings(ssh.Host, ssh.UserName)
    {
        Port = ssh.Port,
        PrivateKey = new Secret(ssh.PrivateKeyPem),
        HostKeySha256 = ssh.HostKeySha256Fingerprint,
    };
    Console.WriteLine($"SFTP {megabytes} MB, {rounds} rounds each, sshd on 127.0.0.1:{ssh.Port} ({Environment.ProcessorCount} cores)");
    Console.WriteLine($"{"operation",-10} {"client",-36} {"best s",8} {"MB/s",8}");

    // The clients alternate round by round: this host's speed drifts over a minute, and three blocks one
    // after the other would measure the drift as much as the clients.
    var cipher = "";
    var (courierUp, opensshUp, defaultUp) = await Alternate(
        rounds,
        async () =>
        {
            await using var fs = await SftpFileSystem.ConnectAsync(settings, default);
            cipher = fs.Cipher;
            await using var file = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await fs.UploadAsync("courier-up.bin", file, default);
        },
        () => Sftp(ssh, $"put {source} openssh-up.bin", cipher),
        () => Sftp(ssh, $"put {source} openssh-up.bin", null));
    Verify(Path.Combine(ssh.RootDirectory, "courier-up.bin"), expected);
    Verify(Path.Combine(ssh.RootDirectory, "openssh-up.bin"), expected);
    Console.WriteLine($"cipher negotiated by Courier: {cipher}");
    Report("upload", "Courier (SSH.NET, own thread)", courierUp, megabytes);
    Report("upload", $"OpenSSH sftp -c {cipher}", opensshUp, megabytes);
    Report("upload", "OpenSSH sftp (its default)", defaultUp, megabytes);

    var courierTarget = Path.Combine(scratch, "courier-down.bin");
    var opensshTarget = Path.Combine(scratch, "openssh-down.bin");
    var (courierDown, opensshDown, defaultDown) = await Alternate(
        rounds,
        async () =>
        {
            await using var fs = await SftpFileSystem.ConnectAsync(settings, default);
            await using var file = new FileStream(courierTarget, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
            await fs.DownloadAsync("openssh-up.bin", file, default);
        },
        () => Sftp(ssh, $"get openssh-up.bin {opensshTarget}", cipher),
        () => Sftp(ssh, $"get openssh-up.bin {opensshTarget}", null));
    Verify(courierTarget, expected);
    Verify(opensshTarget, expected);
    Report("download", "Courier (SSH.NET async)", courierDown, megabytes);
    Report("download", $"OpenSSH sftp -c {cipher}", opensshDown, megabytes);
    Report("download", "OpenSSH sftp (its default)", defaultDown, megabytes);

    Console.WriteLine();
    // The goal is against the sftp client as people run it (its default cipher): the issue's reference figures
    // (sftp 1.6–2.1 s for 200 MB) match its default cipher's rate here, not AES-GCM's. The same-cipher ratio
    // below it is the stricter, protocol-only comparison.
    Console.WriteLine($"upload:   Courier / sftp = {courierUp / defaultUp:0.00}x (goal <= 0.80x) {(courierUp / defaultUp <= 0.8 ? "MET" : "NOT MET")}");
    Console.WriteLine($"download: Courier / sftp = {courierDown / defaultDown:0.00}x (goal <= 1.20x) {(courierDown / defaultDown <= 1.2 ? "MET" : "NOT MET")}");
    Console.WriteLine($"stricter, against sftp forced to Courier's cipher ({cipher}): upload {courierUp / opensshUp:0.00}x, download {courierDown / opensshDown:0.00}x");
}
finally
{
    Directory.Delete(scratch, recursive: true);
    foreach (var leftover in new[] { "courier-up.bin", "openssh-up.bin" })
    {
        File.Delete(Path.Combine(ssh.RootDirectory, leftover));
    }
}

/// <summary>Best time of each client over the rounds, the three taking turns (Courier, sftp -c its cipher, sftp's default).</summary>
static async Task<(double Courier, double SameCipher, double Default)> Alternate(int rounds, Func<Task> courier, Func<Task> sameCipher, Func<Task> byDefault)
{
    var best = new[] { double.MaxValue, double.MaxValue, double.MaxValue };
    var names = new[] { "Courier", "sftp -c", "sftp" };
    var clients = new[] { courier, sameCipher, byDefault };
    for (var round = 0; round < rounds; round++)
    {
        for (var client = 0; client < clients.Length; client++)
        {
            var cpu = CpuSeconds();
            var clock = Stopwatch.StartNew();
            await clients[client]();
            best[client] = Math.Min(best[client], clock.Elapsed.TotalSeconds);
            Console.Error.WriteLine($"  round {round} {names[client],-8}: {clock.Elapsed.TotalSeconds:0.00} s, client CPU {CpuSeconds() - cpu:0.00} s");
        }
    }
    return (best[0], best[1], best[2]);
}

// Courier's own CPU plus that of every finished child (sftp and the ssh it waits for).
static double CpuSeconds()
{
    if (Getrusage(0, out var self) != 0 || Getrusage(-1, out var children) != 0)
    {
        throw new InvalidOperationException("getrusage failed");
    }
    return self.Seconds + children.Seconds;
}

[System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
static extern int Getrusage(int who, out Rusage usage);

static async Task Sftp(SshServer ssh, string command, string? cipher)
{
    var info = new ProcessStartInfo("sftp")
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    foreach (var argument in new[]
    {
        "-q", "-b", "-", "-i", ssh.PrivateKeyPath, "-P", $"{ssh.Port}",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
        $"{ssh.UserName}@{ssh.Host}",
    })
    {
        info.ArgumentList.Add(argument);
    }
    if (cipher is not null)
    {
        info.ArgumentList.Insert(0, cipher);
        info.ArgumentList.Insert(0, "-c");
    }
    using var process = Process.Start(info)!;
    await process.StandardInput.WriteLineAsync(command);
    process.StandardInput.Close();
    var error = process.StandardError.ReadToEndAsync();
    await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"sftp '{command}' exited {process.ExitCode}: {await error}");
    }
}

static byte[] WriteRandomFile(string path, int megabytes)
{
    // Random blocks: nothing on the path compresses them, and the hash proves each transfer.
    var block = new byte[1 << 20];
    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    using var file = File.Create(path);
    for (var i = 0; i < megabytes; i++)
    {
        RandomNumberGenerator.Fill(block);
        file.Write(block);
        hash.AppendData(block);
    }
    return hash.GetHashAndReset();
}

static void Verify(string path, byte[] expected)
{
    using var file = File.OpenRead(path);
    if (!SHA256.HashData(file).AsSpan().SequenceEqual(expected))
    {
        throw new InvalidOperationException($"{path} does not hold the bytes that were sent.");
    }
}

static void Report(string operation, string client, double seconds, int megabytes) =>
    Console.WriteLine($"{operation,-10} {client,-36} {seconds,8:0.00} {megabytes / seconds,8:0}");

[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
internal struct Rusage
{
    public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
    public long MaxRss, Ixrss, Idrss, Isrss, Minflt, Majflt, Nswap, Inblock, Oublock, Msgsnd, Msgrcv, Nsignals, Nvcsw, Nivcsw;
    public readonly double Seconds => UserSeconds + SystemSeconds + (UserMicroseconds + SystemMicroseconds) / 1e6;
}
