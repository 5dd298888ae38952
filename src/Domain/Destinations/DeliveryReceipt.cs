namespace Courier.Domain.Destinations;

/// <summary>Where a file went, how many bytes, when, and what happened.</summary>
public sealed record DeliveryReceipt(string Kind, string Destination, string Location, long Bytes, DateTimeOffset CompletedAt, DeliveryOutcome Outcome)
{
    /// <summary>Recipients an email (or Hub publication) reached; empty for file destinations.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    public string? Detail { get; init; }
}
