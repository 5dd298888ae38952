namespace Courier.Domain.Destinations;

/// <summary>
/// One kind of destination (sftp, ftp, smb, blob, email, hub, …): one file, registered with one line
/// (<c>services.AddDestination&lt;T&gt;()</c>). It receives the file as a stream plus the delivery's
/// idempotency key and must not deliver twice when called again with the same key.
/// </summary>
public interface IDestination
{
    /// <summary>The kind this destination handles; <see cref="DestinationSettings.Kind"/> selects it.</summary>
    string Kind { get; }

    Task<DeliveryReceipt> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken);
}
