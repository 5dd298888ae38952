using Courier.Domain.Delivery;
using Courier.Durable;
using Courier.Functions.Runs;

namespace Courier.Functions.Activities;

/// <summary>Lists the deliveries the run's files owe (file × destination × recipient, Hub publications).</summary>
public sealed class PlanDeliveriesActivity(IRunDeliveries deliveries) : TaskActivity<RunStepInput, IReadOnlyList<DeliveryItem>>
{
    public override async Task<IReadOnlyList<DeliveryItem>> RunAsync(TaskActivityContext context, RunStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return await deliveries.PlanAsync(input.Snapshot.Task, input.Snapshot.Project, input.Reports, context.CancellationToken);
    }
}
