namespace Courier.Domain.Starting;

/// <summary>Who or what asked for a run: kept on the run and in the audit table.</summary>
/// <param name="Kind">schedule, http, queue, manual, retry, dependency, blob.</param>
/// <param name="By">The API key id, schedule id, queue name or upstream task that asked.</param>
/// <param name="RequestId">Correlates every run started by one request (an idempotency key when given).</param>
public sealed record StartTrigger(string Kind, string By, string RequestId)
{
    /// <summary>
    /// A run id fixed by the trigger (a schedule occurrence's <c>sched:{id}:{occurrence}</c>), so that any
    /// number of hosts firing the same occurrence start one run; null gives a new id.
    /// </summary>
    public string? RunId { get; init; }

    /// <summary>The blob whose arrival started the run, for data-arrival triggers.</summary>
    public BlobArrival? Arrival { get; init; }

    /// <summary>The run a rerun repeats, so the new run links back to it.</summary>
    public string? RerunOf { get; init; }
}
