using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Runs;

namespace Courier.Functions.Activities;

/// <summary>
/// Makes one delivery. At least once, like every activity: the item's idempotency key makes a
/// re-executed delivery a no-op, so the file arrives exactly once. The delivery writes its own outcome
/// (or failure) to the run log.
/// </summary>
public sealed class DeliverActivity(IRunDeliveries deliveries, RunLogStore logs) : TaskActivity<RunStepInput, DeliveryReceipt>
{
    public override async Task<DeliveryReceipt> RunAsync(TaskActivityContext context, RunStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var item = input.Delivery ?? throw new ArgumentException("Deliver needs a delivery item.", nameof(input));
        await using var log = logs.Open(input.Run, $"deliver {item.File.Name} → {item.Target}");
        return await deliveries.DeliverAsync(input.Snapshot.Task, input.Snapshot.Project, item, log, context.CancellationToken);
    }
}
