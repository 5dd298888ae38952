using Courier.Domain.Destinations;

namespace Courier.Domain.Delivery;

/// <summary>
/// What the delivery activity calls: records the attempt, skips a delivery already completed under the
/// same idempotency key (the activity ran again), finds the destination by kind and records the outcome.
/// Destinations add their own guard (same sha256 at the final name; email send records) for a crash
/// between delivering and recording.
/// </summary>
public sealed class DeliveryExecutor(IDestinationRegistry registry, IDeliveryStore store, TimeProvider timeProvider)
{
    public async Task<DeliveryReceipt> ExecuteAsync(DeliveryRequest request, CancellationToken cancellationToken, string? resendOf = null, string? requestedBy = null)
    {
        var existing = await store.GetAsync(request.RunId, request.IdempotencyKey, cancellationToken);
        if (existing is { Status: DeliveryStatus.Delivered or DeliveryStatus.Skipped })
        {
            return new DeliveryReceipt(existing.Kind, existing.Destination, existing.Location ?? "", existing.Bytes,
                existing.CompletedAt ?? timeProvider.GetUtcNow(), DeliveryOutcome.AlreadyDelivered)
            { Recipients = existing.Recipients, Detail = "recorded earlier under the same idempotency key" };
        }

        var record = (existing ?? new DeliveryRecord(request.RunId, request.IdempotencyKey, request.File.Name, request.Settings.Kind, request.Settings.DisplayName)
        {
            DestinationRef = request.DestinationRef,
            Sha256 = request.File.Sha256,
            ResendOf = resendOf,
            RequestedBy = requestedBy,
        }) with
        {
            Attempts = (existing?.Attempts ?? 0) + 1,
            Status = DeliveryStatus.Pending,
            StartedAt = timeProvider.GetUtcNow(),
            Error = null,
        };
        await store.SaveAsync(record, cancellationToken);

        try
        {
            var receipt = await registry.Get(request.Settings.Kind).DeliverAsync(request, cancellationToken);
            await store.SaveAsync(record with
            {
                Status = receipt.Outcome is DeliveryOutcome.Delivered or DeliveryOutcome.AlreadyDelivered ? DeliveryStatus.Delivered : DeliveryStatus.Skipped,
                Outcome = receipt.Outcome,
                Location = receipt.Location,
                Bytes = receipt.Bytes,
                Recipients = receipt.Recipients,
                CompletedAt = receipt.CompletedAt,
            }, CancellationToken.None);
            return receipt;
        }
        catch (Exception e) when (e is DeliveryException or ArgumentException or KeyNotFoundException)
        {
            // DeliveryException messages are composed without secrets, so they can be stored and shown.
            await store.SaveAsync(record with { Status = DeliveryStatus.Failed, Error = e.Message, CompletedAt = timeProvider.GetUtcNow() }, CancellationToken.None);
            throw;
        }
    }
}
