namespace Courier.Domain.Delivery;

/// <summary>
/// The send record written before an email is sent (state "sending") and marked "sent" once the server
/// accepted it, so a re-executed delivery never sends a message that went out. A record left "sending"
/// (the process died mid-send) is taken over and the message sent again: losing a report is worse than the
/// rare duplicate when the crash fell between the server's acceptance and the mark, and that duplicate
/// carries the same Message-ID, which mail clients fold. A send that fails with an error releases its claim.
/// </summary>
public interface IEmailSendLog
{
    /// <summary>True when this execution must send the message (first claim, or an unfinished earlier one); false when it was sent.</summary>
    Task<bool> TryClaimAsync(string idempotencyKey, string messageKey, CancellationToken cancellationToken);

    Task MarkSentAsync(string idempotencyKey, string messageKey, CancellationToken cancellationToken);

    Task ReleaseAsync(string idempotencyKey, string messageKey, CancellationToken cancellationToken);
}
