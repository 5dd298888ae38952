using Courier.Domain.Delivery;
using Courier.Domain.Reports;

namespace Courier.Functions.Runs;

public static class RunPipelineServiceCollectionExtensions
{
    /// <summary>What a run's activities call: sources and output files (first half), destinations and notifications (second half).</summary>
    public static IServiceCollection AddCourierPipeline(this IServiceCollection services)
    {
        services.AddReports();
        services.AddRunDeliveries();
        return services;
    }
}
