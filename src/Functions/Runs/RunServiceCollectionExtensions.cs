using Courier.Domain.Runs;
using Courier.Domain.Starting;
using Courier.Durable;
using Courier.Durable.Hosting;
using Courier.Functions.Activities;
using Courier.Functions.Hosting;
using Courier.Functions.Orchestrations;

namespace Courier.Functions.Runs;

public static class RunServiceCollectionExtensions
{
    /// <summary>
    /// Runs: the durable runtime on <c>AzureWebJobsStorage</c> (hub and tuning from host.json's
    /// <c>extensions:durableTask</c>), the run orchestration with its activities, run records and the starter.
    /// </summary>
    public static IServiceCollection AddCourierRuns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDurable(
            durable => durable
                .AddOrchestrator<RunTaskOrchestrator>()
                .AddOrchestrator<RunProjectOrchestrator>()
                .AddActivity<BeginRunActivity>()
                .AddActivity<RecordRunActivity>()
                .AddActivity<FinishRunActivity>()
                .AddActivity<CheckConditionsActivity>()
                .AddActivity<BuildReportActivity>()
                .AddActivity<PlanDeliveriesActivity>()
                .AddActivity<DeliverActivity>()
                .AddActivity<NotifyActivity>()
                .AddActivity<PlanProjectRunActivity>()
                .AddActivity<ClaimChildRunActivity>()
                .AddActivity<RecordNotRunActivity>()
                .AddActivity<StartDependentsActivity>(),
            options =>
            {
                configuration.GetSection(DurableOptions.SectionName).Bind(options);
                options.ConnectionString ??= configuration[StorageClients.SettingKey];
            });
        services.AddSingleton<RunRepository>();
        services.AddSingleton<ActiveRuns>();
        services.AddSingleton<RunLogStore>();
        services.AddSingleton<RunTaskSnapshots>();
        services.AddSingleton<RunCancellations>();
        services.AddHostedService(provider => provider.GetRequiredService<RunCancellations>());
        services.AddSingleton<RunQueries>();
        services.AddSingleton<ProjectRunStarter>();
        services.AddSingleton<RunLiveness>();
        services.AddSingleton<RunStartWriter>();
        services.AddSingleton<DurableTaskStarter>();
        services.AddSingleton<ITaskStarter, BatchedTaskStarter>();
        services.AddSingleton<ITaskDirectory, CatalogTaskDirectory>();
        return services;
    }
}
