namespace Courier.Domain.Pipeline.Naming;

/// <summary>
/// A run id as it appears in file names and blob paths. Scheduled runs have ids like
/// <c>sched:{schedule}:{occurrence}</c>; ':' is refused by SMB and Windows, so names use '_' instead.
/// </summary>
public static class RunIdName
{
    public static string Of(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return runId.Replace(':', '_');
    }
}
