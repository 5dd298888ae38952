using Courier.Domain.Model;
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

/// <summary>The tasks the seed's request examples talk about, with the tags and custom properties the examples use.</summary>
public sealed record SeedWorld(
    ApiSamples.World Resources,
    TaskDefinition FinancialDashboard,
    TaskDefinition SalesReport,
    TaskDefinition MonthEndClose,
    TaskDefinition NightlyRefresh,
    TaskDefinition LedgerReload,
    TaskDefinition OperationsDashboard,
    TaskDefinition PriorityKpis,
    TaskDefinition UrgentRestatement,
    TaskDefinition ErpLanding,
    TaskDefinition ErpExtract)
{
    /// <summary>The example's first task id, a8b4c123-…, stands for <see cref="FinancialDashboard"/>.</summary>
    public const string FirstExampleId = "a8b4c123-def4-5678-9abc-def012345678";

    /// <summary>The example's second task id, b9c5d234-…, stands for <see cref="SalesReport"/>.</summary>
    public const string SecondExampleId = "b9c5d234-efe5-6789-abcd-ef0123456789";

    public static async Task<SeedWorld> CreateAsync(HttpClient admin)
    {
        var world = await ApiSamples.WorldAsync(admin);
        return new SeedWorld(
            world,
            await TaskAsync("Financial Dashboard Reload", [], [("department", "finance")]),
            await TaskAsync("Sales Report Update", [], []),
            await TaskAsync("Month-end close", ["financial-reports"], []),
            await TaskAsync("Nightly refresh", ["daily-refresh"], []),
            await TaskAsync("Ledger reload", ["financial-reports", "daily-refresh"], []),
            await TaskAsync("Operations dashboard", [], [("taskGroup", "operational-dashboards")]),
            await TaskAsync("Priority KPIs", [], [("priority", "high")]),
            await TaskAsync("Urgent restatement", ["urgent"], []),
            await TaskAsync("ERP landing", ["data-refresh"], [("source", "erp-system")]),
            await TaskAsync("ERP extract", [], [("source", "erp-system")]));

        // Concurrent runs allowed, so each example can be sent with POST and again with PUT and start every task both times.
        Task<TaskDefinition> TaskAsync(string name, string[] tags, (string Name, string Value)[] properties) =>
            StartCalls.CreateAsync(admin, StartCalls.Startable(
                world, name, [StartSeedHost.ExampleTag, .. tags], [.. properties.Select(p => new CustomProperty { Name = p.Name, Value = p.Value })])
                with { AllowConcurrentRuns = true });
    }

    /// <summary>An example body with the example's GUIDs replaced by the ids of the tasks they stand for.</summary>
    public string Substitute(string example) => example
        .Replace(FirstExampleId, FinancialDashboard.Id.ToString(), StringComparison.Ordinal)
        .Replace(SecondExampleId, SalesReport.Id.ToString(), StringComparison.Ordinal);
}

/// <summary>The tests that need <see cref="StartSeedHost"/> share one.</summary>
[CollectionDefinition(Name)]
public sealed class SharedStartSeedHost : ICollectionFixture<StartSeedHost>
{
    public const string Name = "start-seed-host";
}
