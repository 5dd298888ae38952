using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Runs;
using Microsoft.Extensions.Logging;

namespace Courier.Functions.Activities;

/// <summary>
/// Makes one delivery. At least once, like every activity: the item's idempotency key makes a
/// re-executed delivery a no-op, so the file arrives exactly once. The delivery writes its own outcome
/// (or failure) to the run log. Cancelling the run stops a delivery in progress (a long upload, a server
/// that does not answer) instead of letting it finish for a run that no longer wants it.
/// </summary>
public sealed class DeliverActivity(IRunDeliveries deliveries, RunLogStore logs, RunCancellations cancellations) : TaskActivity<RunStepInput, DeliveryReceipt>
{
    public override async Task<DeliveryReceipt> RunAsync(TaskActivityContext context, RunStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var item = input.Delivery ?? throw new ArgumentException("Deliver needs a delivery item.", nameof(input));
        await using var log = logs.Open(input.Run, $"deliver {item.File.Name} → {item.Target}");
        using var watch = cancellations.Watch(input.Run.TaskId, input.Run.RunId, context.CancellationToken);
        try
        {
            return await deliveries.DeliverAsync(input.Snapshot.Task, input.Snapshot.Project, item, log, watch.Token);
        }
        catch (OperationCanceledException) when (watch.RunCancelled)
        {
            log.LogWarning("Stopped: the run was cancelled.");
            throw;
        }
    }
}
