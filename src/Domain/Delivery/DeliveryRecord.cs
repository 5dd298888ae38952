using Courier.Domain.Destinations;

namespace Courier.Domain.Delivery;

/// <summary>
/// One delivery of one file to one destination (and its recipients): the audit row behind
/// "delivered exactly once", file history and resend.
/// </summary>
public sealed record DeliveryRecord(string RunId, string IdempotencyKey, string FileName, string Kind, string Destination)
{
    /// <summary>The caller's reference to the destination (task + destination id), used to resend to the original.</summary>
    public string? DestinationRef { get; init; }

    public string? Sha256 { get; init; }

    public int Attempts { get; init; }

    public DeliveryStatus Status { get; init; } = DeliveryStatus.Pending;

    public DeliveryOutcome? Outcome { get; init; }

    public string? Location { get; init; }

    public long Bytes { get; init; }

    public IReadOnlyList<string> Recipients { get; init; } = [];

    public string? Error { get; init; }

    /// <summary>Set on a resend: the idempotency key of the delivery it repeats.</summary>
    public string? ResendOf { get; init; }

    public string? RequestedBy { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}
