using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Courier.Functions.Tests;

/// <summary>The real host in memory, configured like production except for the settings a test passes.</summary>
public sealed class CourierAppFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string BootstrapKey = "test-bootstrap-admin-key-0123456789";

    public static Dictionary<string, string?> SettingsFor(string storageConnectionString) => new()
    {
        ["AzureWebJobsStorage"] = storageConnectionString,
        ["Courier:BootstrapAdminKey"] = BootstrapKey,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(settings));
    }
}
