using Courier.Domain.Scheduling;
using Courier.Domain.Starting;
using Courier.Functions.Triggers;

namespace Courier.Functions.Starts;

public static class StartServiceCollectionExtensions
{
    /// <summary>
    /// Outside starts: the start API's services, the <c>courier-start</c> queue listener, the schedule
    /// ticker (<c>Courier:Scheduler</c>) and the data-arrival watcher (<c>Courier:BlobTriggers</c>). Needs an
    /// <see cref="ITaskDirectory"/> and an <see cref="ITaskStarter"/> registered by the task and run modules.
    /// </summary>
    public static IServiceCollection AddCourierStarts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StartAllowListOptions>(configuration.GetSection(StartAllowListOptions.Section));
        services.AddSingleton<StartPlanner>();
        services.AddSingleton<TaskStartService>();
        services.AddSingleton<StartTables>();
        services.AddSingleton<StartAuditWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<StartAuditWriter>());
        services.AddSingleton<StartRequestHandler>();
        services.AddHostedService<StartQueueListener>();
        services.Configure<SchedulerOptions>(configuration.GetSection(SchedulerOptions.SectionName));
        services.AddSingleton<ScheduleStateStore>();
        services.AddHostedService<ScheduleTicker>();
        services.Configure<BlobTriggerOptions>(configuration.GetSection(BlobTriggerOptions.SectionName));
        services.AddSingleton<BlobArrivalLog>();
        services.AddHostedService<BlobArrivalWatcher>();
        return services;
    }
}
