using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Courier.Testing;

namespace Courier.Functions.Tests;

/// <summary>infra/main.bicep compiles (with the Bicep CLI from NuGet) into the resources Courier needs.</summary>
public sealed class InfraTests
{
    [Fact]
    public async Task Main_bicep_compiles_to_a_storage_account_and_a_custom_handler_function_app()
    {
        var bicep = typeof(InfraTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value!.Replace('\\', '/');
        var info = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in new[] { "build", "infra/main.bicep", "--stdout" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"bicep build failed: {await stderr}");
        Assert.DoesNotContain("Warning", await stderr, StringComparison.OrdinalIgnoreCase);
        var resources = JsonDocument.Parse(await stdout).RootElement.GetProperty("resources");
        var byType = resources.EnumerateArray().ToDictionary(r => r.GetProperty("type").GetString()!);
        Assert.Contains("Microsoft.Storage/storageAccounts", byType.Keys);
        var app = byType["Microsoft.Web/sites"];
        var settings = app.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings")
            .EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString());
        Assert.Equal("custom", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Contains("AzureWebJobsStorage", settings.Keys);
    }
}
