namespace Courier.Domain.Destinations;

/// <summary>
/// One delivery: a file to one destination. <see cref="IdempotencyKey"/> is stable across re-executions
/// of the same activity, so the destination can recognise work it already did.
/// </summary>
public sealed record DeliveryRequest(string RunId, string IdempotencyKey, DeliveryFile File, DestinationSettings Settings)
{
    /// <summary>Run variables for templates (task, project, run id, dates, row count, …).</summary>
    public IReadOnlyDictionary<string, object?> Variables { get; init; } = new Dictionary<string, object?>();

    /// <summary>The caller's reference to this destination (task + destination id), kept for resend-to-original.</summary>
    public string? DestinationRef { get; init; }

    /// <summary>Test mode: every email goes to this address instead (see EmailDestination).</summary>
    public string? TestModeAddress { get; init; }

    /// <summary>Test mode also leaves non-email destinations alone when the task says so.</summary>
    public bool TestModeSkipsOtherDestinations { get; init; }
}
