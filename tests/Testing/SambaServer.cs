namespace Courier.Testing;

/// <summary>
/// A private smbd on a free port with all its state (passdb, locks, caches, pid) in a scratch folder
/// (reference/local-servers.md §9), exporting <c>[share]</c> read-write to the test user.
/// </summary>
public sealed class SambaServer : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private SambaServer(ServerProcess process, int port, string rootDirectory, string configPath)
    {
        _process = process;
        Port = port;
        RootDirectory = rootDirectory;
        ConfigPath = configPath;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public string ShareName { get; } = "share";

    public string UserName { get; } = TestUser.Name;

    public string Password { get; } = TestUser.Password;

    /// <summary>The share's local folder: what clients write lands here.</summary>
    public string RootDirectory { get; }

    /// <summary>The private smb.conf (for smbclient's <c>-s</c>, so it never reads /etc/samba).</summary>
    public string ConfigPath { get; }

    public ServerProcess Process => _process;

    public static Task<SambaServer> StartAsync() => StartAsync(FreePort.Next());

    public static async Task<SambaServer> StartAsync(int port)
    {
        await TestUser.EnsureAsync();
        var directory = ServerDirectory.Create("smbd");
        try
        {
            var root = await ServerDirectory.CreateOwnedByAsync(directory, "share", TestUser.Name);
            string State(string name)
            {
                var path = Path.Combine(directory, name);
                Directory.CreateDirectory(path);
                return path;
            }

            var config = Path.Combine(directory, "smb.conf");
            await File.WriteAllLinesAsync(config,
            [
                "[global]",
                "server role = standalone server",
                "workgroup = COURIER",
                "interfaces = 127.0.0.1",
                "bind interfaces only = yes",
                $"smb ports = {port}",
                "disable netbios = yes",
                "server min protocol = SMB2",
                $"pid directory = {State("run")}",
                $"lock directory = {State("lock")}",
                $"state directory = {State("state")}",
                $"cache directory = {State("cache")}",
                $"private dir = {State("private")}",
                $"ncalrpc dir = {State("ncalrpc")}",
                $"binddns dir = {State("binddns")}",
                $"usershare path = {State("usershares")}",
                $"passdb backend = tdbsam:{Path.Combine(directory, "private", "passdb.tdb")}",
                "map to guest = never",
                "load printers = no",
                "printing = bsd",
                "printcap name = /dev/null",
                "disable spoolss = yes",
                "log level = 1",
                "",
                "[share]",
                $"path = {root}",
                "read only = no",
                $"valid users = {TestUser.Name}",
                "create mask = 0644",
                "directory mask = 0755",
            ]);
            await Tool.RunAsync("smbpasswd", "smbpasswd", ["-c", config, "-s", "-a", TestUser.Name],
                standardInput: $"{TestUser.Password}\n{TestUser.Password}\n");

            var process = await ServerProcess.StartAsync(
                "smbd",
                "/usr/sbin/smbd",
                ["--foreground", "--no-process-group", "-s", config, "--debug-stdout"],
                ct => Probe.AnswersSmb2Async(port, ct),
                TimeSpan.FromSeconds(60),
                workingDirectory: directory,
                ownedDirectory: directory);
            return new SambaServer(process, port, root, config);
        }
        catch (Exception e) when (e is not ServerStartException)
        {
            ServerDirectory.Delete(directory);
            throw new ServerStartException($"smbd could not be prepared: {e.Message}", e);
        }
        catch
        {
            ServerDirectory.Delete(directory);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
