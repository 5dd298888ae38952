namespace Courier.Domain.Delivery;

/// <summary>Where one delivery stands.</summary>
public enum DeliveryStatus
{
    Pending,
    Delivered,
    Skipped,
    Failed,
}
