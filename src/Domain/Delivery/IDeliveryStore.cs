namespace Courier.Domain.Delivery;

/// <summary>Delivery records (table <c>deliveries</c>: PK run id, RK idempotency key).</summary>
public interface IDeliveryStore
{
    Task<DeliveryRecord?> GetAsync(string runId, string idempotencyKey, CancellationToken cancellationToken);

    Task SaveAsync(DeliveryRecord record, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryRecord>> ListForRunAsync(string runId, CancellationToken cancellationToken);
}
