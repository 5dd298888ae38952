using Courier.Testing;

namespace Courier.Durable.Tests.Support;

/// <summary>Runs tests/Durable.Worker as a child process on a hub, optionally told where to kill itself.</summary>
internal static class WorkerProcess
{
    public static Task<ServerProcess> StartAsync(string connectionString, string hubName, IDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Courier.Durable.Worker.dll");
        var env = new Dictionary<string, string> { ["COURIER_DURABLE_MAX_POLL_MS"] = "100", ["COURIER_DURABLE_LEASES"] = "0" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }
        return ServerProcess.StartAsync("durable-worker", "dotnet", [dll, connectionString, hubName], _ => Task.FromResult(true), TimeSpan.FromSeconds(30), environment: env);
    }

    /// <summary>Waits (with a deadline) for a worker that is expected to kill itself.</summary>
    public static async Task WaitForExitAsync(ServerProcess worker, int seconds = 60)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!worker.HasExited)
        {
            await Task.Delay(50, deadline.Token);
        }
    }
}
