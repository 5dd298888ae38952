namespace Courier.Testing;

/// <summary>
/// The local account the SSH, FTP and SMB servers log in as. vsftpd and sshd check passwords
/// against /etc/shadow, so this must be a real user; it is created once per machine, and a file
/// lock keeps parallel test processes from racing on useradd/chpasswd.
/// </summary>
public static class TestUser
{
    public const string Name = "courier-test";

    // Only ever accepted by the private servers these fixtures bind to 127.0.0.1.
    public const string Password = "Courier-test-7kQ";

    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private static bool s_ready;

    public static async Task EnsureAsync()
    {
        await InProcess.WaitAsync();
        try
        {
            if (s_ready)
            {
                return;
            }
            if (Environment.UserName != "root")
            {
                throw new ServerStartException(
                    $"The SSH, FTP and SMB fixtures need root to create the local user '{Name}' (running as '{Environment.UserName}').");
            }
            await using var machineLock = await AcquireMachineLockAsync();
            if (!File.ReadLines("/etc/passwd").Any(line => line.StartsWith($"{Name}:", StringComparison.Ordinal)))
            {
                await Tool.RunAsync("useradd", "useradd", ["--create-home", "--home-dir", $"/home/{Name}", "--shell", "/bin/bash", Name]);
            }
            await Tool.RunAsync("chpasswd", "chpasswd", [], standardInput: $"{Name}:{Password}\n");
            s_ready = true;
        }
        finally
        {
            InProcess.Release();
        }
    }

    private static async Task<FileStream> AcquireMachineLockAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "courier-test-user.lock");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!deadline.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }
}
