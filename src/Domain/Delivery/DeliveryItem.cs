using Courier.Domain.Pipeline.Storage;

namespace Courier.Domain.Delivery;

/// <summary>
/// One delivery a run owes: a file to one of the task's destinations (by index in
/// <c>TaskDefinition.Destinations</c>), to the Hub (<see cref="HubReport"/> set) or to one email
/// recipient. Holds no secret, so it may sit in orchestration history; the idempotency key is stable
/// across retries of the same run, so a re-executed delivery does not deliver again.
/// </summary>
public sealed record DeliveryItem(string RunId, RunFile File, string Target, string IdempotencyKey)
{
    /// <summary>Index into the task's destinations; null for Hub publications.</summary>
    public int? DestinationIndex { get; init; }

    /// <summary>The report whose file is published to the Hub; null for destinations.</summary>
    public string? HubReport { get; init; }

    /// <summary>The email recipient this item is for, when a destination sends one message per recipient.</summary>
    public string? Recipient { get; init; }
}
