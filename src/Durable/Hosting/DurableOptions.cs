namespace Courier.Durable.Hosting;

/// <summary>
/// Runtime settings, bound from configuration section <c>extensions:durableTask</c> (host.json shape).
/// </summary>
public sealed class DurableOptions
{
    public const string SectionName = "extensions:durableTask";

    public const int DefaultMaxCachedSessions = 2000;

    /// <summary>Task hub name: lower-case letters and digits, 3–40 characters, starting with a letter.</summary>
    public string HubName { get; set; } = "courier";

    /// <summary>Storage connection string; when empty, configuration key <c>AzureWebJobsStorage</c> is used.</summary>
    public string? ConnectionString { get; set; }

    public DurableStorageOptions StorageProvider { get; set; } = new();

    public int MaxConcurrentActivityFunctions { get; set; } = 16;

    public int MaxConcurrentOrchestratorFunctions { get; set; } = 8;

    /// <summary>
    /// Instance histories a worker keeps in memory between episodes. An instance that is not among them reloads its
    /// history from storage at its next episode, so a worker with more instances in flight than this pays that load
    /// for the overflow; each cached session costs its history's size in memory.
    /// </summary>
    public int MaxCachedSessions { get; set; } = DefaultMaxCachedSessions;

    /// <summary>Identifies this process in partition leases.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Whether this process runs the dispatchers (false for a client-only host).</summary>
    public bool EnableWorker { get; set; } = true;
}
