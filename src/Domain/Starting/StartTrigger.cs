namespace Courier.Domain.Starting;

/// <summary>Who or what asked for a run: kept on the run and in the audit table.</summary>
/// <param name="Kind">schedule, http, queue, manual, retry, dependency, blob.</param>
/// <param name="By">The API key id, schedule id, queue name or upstream task that asked.</param>
/// <param name="RequestId">Correlates every run started by one request (an idempotency key when given).</param>
public sealed record StartTrigger(string Kind, string By, string RequestId);
