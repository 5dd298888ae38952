namespace Courier.Domain.Delivery;

/// <summary>
/// The send record written before an email is sent, so a re-executed delivery does not send again.
/// A claim is released when sending fails with an error, so a retry can send; a crash between claim and
/// send leaves it claimed (at most once for that message, never twice).
/// </summary>
public interface IEmailSendLog
{
    /// <summary>True when this call claimed the message; false when an earlier execution already did.</summary>
    Task<bool> TryClaimAsync(string idempotencyKey, string messageKey, CancellationToken cancellationToken);

    Task ReleaseAsync(string idempotencyKey, string messageKey, CancellationToken cancellationToken);
}
