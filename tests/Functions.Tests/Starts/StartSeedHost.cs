using Courier.Functions.Starts;
using Courier.Functions.Tests.Api;

namespace Courier.Functions.Tests.Starts;

/// <summary>
/// A second host, on an Azurite of its own, for what the shared catalog host cannot hold: the start
/// allow-list switched on, and tasks carrying the seed's literal tags and custom properties (on the
/// shared host other tests' tasks also carry <c>department=finance</c>, so the seed's combined example
/// would reach them). The allow-list lists every tag and property the seed examples use, plus
/// <see cref="ExampleTag"/> that each example task carries so it may also be started by id; anything
/// else is outside it. Its queue listener is the only one reading its <c>courier-start</c> queue.
/// </summary>
public sealed class StartSeedHost : IAsyncLifetime
{
    public const string ExampleTag = "seed-examples";

    private static readonly string[] AllowedTags = [ExampleTag, "financial-reports", "daily-refresh", "urgent", "data-refresh"];

    private static readonly (string Name, string Value)[] AllowedProperties =
    [
        ("taskGroup", "operational-dashboards"), ("priority", "high"), ("department", "finance"), ("source", "erp-system"),
    ];

    public CatalogHost Host { get; } = new(AllowListSettings());

    public SeedWorld World { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        using var admin = await Host.ClientAsync();
        World = await SeedWorld.CreateAsync(admin);
    }

    public Task DisposeAsync() => Host.DisposeAsync();

    private static Dictionary<string, string?> AllowListSettings()
    {
        const string section = StartAllowListOptions.Section;
        var settings = new Dictionary<string, string?> { [$"{section}:Enabled"] = "true" };
        for (var i = 0; i < AllowedTags.Length; i++)
        {
            settings[$"{section}:Tags:{i}"] = AllowedTags[i];
        }
        for (var i = 0; i < AllowedProperties.Length; i++)
        {
            settings[$"{section}:CustomProperties:{i}:Name"] = AllowedProperties[i].Name;
            settings[$"{section}:CustomProperties:{i}:Value"] = AllowedProperties[i].Value;
        }
        return settings;
    }
}
