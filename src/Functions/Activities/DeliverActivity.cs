using Courier.Domain.Delivery;
using Courier.Domain.Destinations;
using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Runs;
using Microsoft.Extensions.Logging;

namespace Courier.Functions.Activities;

/// <summary>
/// Makes one delivery. At least once, like every activity: the item's idempotency key makes a
/// re-executed delivery a no-op, so the file arrives exactly once.
/// </summary>
public sealed class DeliverActivity(IRunDeliveries deliveries, RunLogStore logs) : TaskActivity<RunStepInput, DeliveryReceipt>
{
    public override async Task<DeliveryReceipt> RunAsync(TaskActivityContext context, RunStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var item = input.Delivery ?? throw new ArgumentException("Deliver needs a delivery item.", nameof(input));
        await using var log = logs.Open(input.Run, $"deliver {item.File.Name} → {item.Target}");
        try
        {
            var receipt = await deliveries.DeliverAsync(input.Snapshot.Task, input.Snapshot.Project, item, log, context.CancellationToken);
            log.LogInformation("{Outcome}: {Location} ({Bytes} bytes).", receipt.Outcome, receipt.Location, receipt.Bytes);
            return receipt;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("Failed: {Reason}", e.Message);
            throw;
        }
    }
}
