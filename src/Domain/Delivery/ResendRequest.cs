using Courier.Domain.Destinations;

namespace Courier.Domain.Delivery;

/// <summary>
/// Resend one file of a past run. <see cref="ResendId"/> makes the resend itself idempotent (a retried
/// HTTP call does not send twice); <see cref="ResolveOriginal"/> turns a recorded destination reference
/// back into settings (with today's secrets), null when that destination no longer exists.
/// </summary>
public sealed record ResendRequest(string RunId, DeliveryFile File, ResendTarget Target, string RequestedBy, string ResendId)
{
    public IReadOnlyList<DestinationReference> CurrentDestinations { get; init; } = [];

    public Func<string, DestinationSettings?> ResolveOriginal { get; init; } = _ => null;

    public IReadOnlyDictionary<string, object?> Variables { get; init; } = new Dictionary<string, object?>();
}
