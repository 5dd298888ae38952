using Courier.Testing;

namespace Courier.Functions.Tests;

/// <summary>The built host as scripts/run starts it (<c>dotnet Courier.Functions.dll</c>), for tests that need a real process.</summary>
public static class HostExecutable
{
    /// <summary>The host's own build output, in the configuration this test project was built in.</summary>
    public static string Dll()
    {
        var testOutput = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = testOutput.Parent?.Name ?? "Debug";
        var dll = Path.Combine(RepoPaths.Root, "src", "Functions", "bin", configuration, testOutput.Name, "Courier.Functions.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; build src/Functions first (the test project's build does).");
        return dll;
    }

    /// <summary>Starts the host on a free loopback port with <paramref name="settings"/> as environment variables; ready when /healthz answers.</summary>
    public static async Task<(ServerProcess Process, HttpClient Client)> StartAsync(IReadOnlyDictionary<string, string?> settings, string workingDirectory)
    {
        var port = FreePort.Next();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var environment = settings.Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var process = await ServerProcess.StartAsync(
            "courier-host", "dotnet", [Dll()],
            async ct => (await client.GetAsync("/healthz", ct)).StatusCode == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(90), workingDirectory, environment);
        return (process, client);
    }
}
