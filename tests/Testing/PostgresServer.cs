using System.Globalization;
using Npgsql;

namespace Courier.Testing;

/// <summary>
/// A private PostgreSQL cluster in a scratch folder (initdb, then postgres in the foreground),
/// listening on 127.0.0.1 at a free port with its Unix socket in the same folder
/// (reference/local-servers.md §8). PostgreSQL refuses to run as root, so both run as the
/// <c>postgres</c> OS user through setpriv, which execs in place: the server's PID is the postmaster's.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private PostgresServer(ServerProcess process, int port, string directory, string binDirectory)
    {
        _process = process;
        Port = port;
        Directory = directory;
        BinDirectory = binDirectory;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    public string Database { get; } = "courier";

    public string UserName { get; } = "postgres";

    /// <summary>Npgsql connection string for the <c>courier</c> database (trust authentication, no password).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={Database}";

    /// <summary>The scratch folder holding the cluster and the Unix socket.</summary>
    public string Directory { get; }

    /// <summary>Where psql, pg_dump and friends of the running server version live.</summary>
    public string BinDirectory { get; }

    public ServerProcess Process => _process;

    public static Task<PostgresServer> StartAsync() => StartAsync(FreePort.Next());

    public static async Task<PostgresServer> StartAsync(int port)
    {
        var bin = FindBinDirectory();
        var directory = ServerDirectory.Create("postgres");
        try
        {
            await Tool.RunAsync("chown", "chown", ["postgres:", directory]);
            var data = Path.Combine(directory, "data");
            await Tool.RunAsync("initdb", "setpriv",
            [
                "--reuid=postgres", "--regid=postgres", "--init-groups", "--",
                Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync", "--no-instructions",
            ], workingDirectory: directory);

            var process = await ServerProcess.StartAsync(
                "postgres",
                "setpriv",
                [
                    "--reuid=postgres", "--regid=postgres", "--init-groups", "--",
                    Path.Combine(bin, "postgres"), "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture),
                    "-k", directory, "-c", "listen_addresses=127.0.0.1",
                    // A throw-away cluster: durability only costs time.
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                ],
                ct => CanConnectAsync(port, ct),
                TimeSpan.FromSeconds(60),
                workingDirectory: directory,
                ownedDirectory: directory);
            var server = new PostgresServer(process, port, directory, bin);
            try
            {
                await server.CreateDatabaseAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
            return server;
        }
        catch (Exception e) when (e is not ServerStartException)
        {
            ServerDirectory.Delete(directory);
            throw new ServerStartException($"postgres could not be prepared: {e.Message}", e);
        }
        catch
        {
            ServerDirectory.Delete(directory);
            throw;
        }
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var newest = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root)
                .Select(path => (path, version: int.TryParse(Path.GetFileName(path), out var v) ? v : -1))
                .Where(candidate => File.Exists(Path.Combine(candidate.path, "bin", "postgres")))
                .OrderByDescending(candidate => candidate.version)
                .Select(candidate => candidate.path)
                .FirstOrDefault()
            : null;
        return newest is null
            ? throw new ServerStartException($"PostgreSQL is not installed under {root}. Run scripts/setup to install it.")
            : Path.Combine(newest, "bin");
    }

    /// <summary>
    /// The readiness probe gives up on a connection after 2 s and tries again; the one connection that then creates the
    /// database waits as long as a loaded machine needs (2 s timed out in CI with the whole suite running).
    /// </summary>
    private static string AdminConnectionString(int port, int timeoutSeconds) =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout={timeoutSeconds}";

    private static async Task<bool> CanConnectAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString(port, timeoutSeconds: 2));
            await connection.OpenAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Not accepting connections yet ("the database system is starting up"), or not ours.
            return false;
        }
    }

    private async Task CreateDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(Port, timeoutSeconds: 30));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // SIGQUIT is PostgreSQL's immediate shutdown: the postmaster stops its backends and releases
        // its shared memory, which a bare SIGKILL of the tree would leave behind.
        if (!_process.HasExited)
        {
            try
            {
                await Tool.RunAsync("kill", "kill", ["-QUIT", _process.Pid.ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(5));
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                while (!_process.HasExited && !wait.IsCancellationRequested)
                {
                    await Task.Delay(50, CancellationToken.None);
                }
            }
            catch (ServerStartException)
            {
                // It exited between the check and the signal; the tree kill below covers the rest.
            }
        }
        await _process.DisposeAsync();
    }
}
