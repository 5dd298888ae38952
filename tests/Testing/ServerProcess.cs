using System.Diagnostics;
using System.Text;

namespace Courier.Testing;

/// <summary>
/// A real server run as a child process bound to 127.0.0.1. Captures the server's own output so a
/// failed start can quote it, waits for a readiness probe with a deadline, and on disposal kills
/// only its own process tree (by PID) and removes its temp folder. Every PID is also written to
/// the run's PID folder so <c>.ci/run</c> can prove nothing was left behind.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 60;
    private readonly Queue<string> _output = new();
    private readonly Process _process;
    private readonly string? _pidFile;
    private readonly string? _ownedDirectory;

    private ServerProcess(string name, Process process, string? pidFile, string? ownedDirectory)
    {
        Name = name;
        _process = process;
        _pidFile = pidFile;
        _ownedDirectory = ownedDirectory;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server printed on stdout and stderr.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> and waits until <paramref name="isReady"/> holds.
    /// <paramref name="ownedDirectory"/> (the server's scratch folder) is deleted when the server is
    /// disposed, and also when the start fails, so a broken start leaves nothing behind.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        Func<CancellationToken, Task<bool>> isReady,
        TimeSpan deadline,
        string? workingDirectory = null,
        IDictionary<string, string>? environment = null,
        string? ownedDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new ServerStartException($"{name}: Process.Start returned null for {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            ServerDirectory.Delete(ownedDirectory);
            throw new ServerStartException($"{name} could not be started ({fileName}): {e.Message}. Run scripts/setup to install it.", e);
        }

        var server = new ServerProcess(name, process, TestRun.RecordPid(name, process.Id), ownedDirectory);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilReadyAsync(isReady, deadline);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(Func<CancellationToken, Task<bool>> isReady, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        Exception? lastProbeError = null;
        while (!timeout.IsCancellationRequested)
        {
            if (_process.HasExited)
            {
                // Give the output readers a moment to drain what the server said before dying.
                await _process.WaitForExitAsync(CancellationToken.None);
                throw new ServerStartException(
                    $"{Name} exited with code {_process.ExitCode} before it was ready. Its output:\n{RecentOutput}");
            }
            try
            {
                if (await isReady(timeout.Token))
                {
                    return;
                }
            }
            catch (Exception e) when (!timeout.IsCancellationRequested)
            {
                // A probe's own time-out (an HttpClient giving up on a slow server) means "not ready yet",
                // not that the readiness deadline has passed.
                lastProbeError = e;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                break;
            }
            try
            {
                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        throw new ServerStartException(
            $"{Name} was not ready within {deadline.TotalSeconds:0.#} s" +
            (lastProbeError is null ? "" : $" (last probe error: {lastProbeError.Message})") +
            $". Its output:\n{RecentOutput}");
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>Kills the server's process tree immediately (used by tests that need a server to be down).</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // The kill was sent; the PID file stays so .ci/run reports the straggler.
            _process.Dispose();
            return;
        }
        _process.Dispose();
        if (_pidFile is not null)
        {
            File.Delete(_pidFile);
        }
        ServerDirectory.Delete(_ownedDirectory);
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        builder.Append(Name).Append(" (pid ").Append(_process.Id).Append(')');
        return builder.ToString();
    }
}
