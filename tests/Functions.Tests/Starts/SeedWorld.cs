using Courier.Domain.Model;
using Courier.Functions.Tests.Api;

namespace Courier.Functions.Tests.Starts;

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
