using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Courier.Functions.Hosting;

/// <summary>
/// Configuration in the Azure Functions order, lowest to highest: host.json, local.settings.json
/// <c>Values</c>, environment variables, command line. host.json keeps its shape
/// (<c>extensions:durableTask:hubName</c>); its <c>logging</c> section is ASP.NET Core's.
/// </summary>
public static class CourierConfiguration
{
    public const string HostFileName = "host.json";

    public static WebApplicationBuilder AddCourierConfiguration(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Configuration.AddJsonFile(Locate(contentRoot, HostFileName), optional: true, reloadOnChange: false);
        builder.Configuration.AddInMemoryCollection(LocalSettingsFile.Read(Locate(contentRoot, LocalSettingsFile.FileName)));
        MoveOverridesLast(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The file in the content root (the repository root under <c>scripts/run</c>), else the one
    /// next to the binary (host.json is copied there by the build), so a published build also works.
    /// </summary>
    internal static string Locate(string contentRoot, string fileName)
    {
        var inContentRoot = Path.Combine(contentRoot, fileName);
        return File.Exists(inContentRoot) ? inContentRoot : Path.Combine(AppContext.BaseDirectory, fileName);
    }

    /// <summary>WebApplication added environment and command line first; they must win over the files.</summary>
    private static void MoveOverridesLast(ConfigurationManager configuration)
    {
        var overrides = configuration.Sources
            .Where(s => s is EnvironmentVariablesConfigurationSource or CommandLineConfigurationSource)
            .ToList();
        foreach (var source in overrides)
        {
            configuration.Sources.Remove(source);
            configuration.Sources.Add(source);
        }
    }
}
