using Courier.Domain.Destinations;

namespace Courier.Domain.Delivery;

/// <summary>
/// Resends a file from history to the task's current destinations or to those it originally went to.
/// Each resend is a new delivery with its own record (who asked, which delivery it repeats).
/// </summary>
public sealed class ResendService(DeliveryExecutor executor, IDeliveryStore store)
{
    public async Task<IReadOnlyList<DeliveryReceipt>> ResendAsync(ResendRequest request, CancellationToken cancellationToken)
    {
        var targets = new List<(DestinationReference Destination, string? Original)>();
        if (request.Target == ResendTarget.CurrentDestinations)
        {
            targets.AddRange(request.CurrentDestinations.Select(d => (d, (string?)null)));
        }
        else
        {
            var originals = (await store.ListForRunAsync(request.RunId, cancellationToken))
                .Where(r => r.FileName == request.File.Name && r.ResendOf is null && r.Status == DeliveryStatus.Delivered && r.DestinationRef is not null)
                .GroupBy(r => r.DestinationRef!, StringComparer.Ordinal)
                .Select(g => g.First());
            foreach (var original in originals)
            {
                var settings = request.ResolveOriginal(original.DestinationRef!)
                    ?? throw new KeyNotFoundException($"The destination '{original.Destination}' ({original.Kind}) that '{request.File.Name}' went to no longer exists.");
                targets.Add((new DestinationReference(original.DestinationRef!, settings), original.IdempotencyKey));
            }
            if (targets.Count == 0)
            {
                throw new KeyNotFoundException($"Run {request.RunId} has no completed delivery of '{request.File.Name}' to resend.");
            }
        }

        var receipts = new List<DeliveryReceipt>();
        foreach (var (destination, original) in targets)
        {
            var delivery = new DeliveryRequest(request.RunId, $"resend:{request.ResendId}:{destination.Ref}", request.File, destination.Settings)
            {
                DestinationRef = destination.Ref,
                Variables = request.Variables,
            };
            receipts.Add(await executor.ExecuteAsync(delivery, cancellationToken, resendOf: original ?? "current", requestedBy: request.RequestedBy));
        }
        return receipts;
    }
}
