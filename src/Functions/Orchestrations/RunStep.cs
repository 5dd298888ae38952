namespace Courier.Functions.Orchestrations;

/// <summary>
/// The run's custom status: where it is and how far it got, so a caller polling the run sees
/// "delivering 7 / 20" rather than just "running".
/// </summary>
public sealed record RunStep(string Step, int Attempt)
{
    public int FilesBuilt { get; init; }

    public int DeliveriesDone { get; init; }

    public int DeliveriesTotal { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public string? Status { get; init; }
}
