namespace Courier.Functions.Triggers;

/// <summary>Settings of the data-arrival watcher (<c>Courier:BlobTriggers</c>).</summary>
public sealed class BlobTriggerOptions
{
    public const string SectionName = "Courier:BlobTriggers";

    public bool Enabled { get; set; } = true;

    /// <summary>How often watched containers are listed: the longest a new blob waits for its run.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
