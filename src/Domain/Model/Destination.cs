namespace Courier.Domain.Model;

/// <summary>A task-level delivery target for every file the task's reports produce.</summary>
public sealed record Destination
{
    public required DestinationKind Kind { get; init; }

    /// <summary>Connection of the matching kind (email: smtp or sendGrid).</summary>
    public required Guid ConnectionId { get; init; }

    /// <summary>Remote folder or blob prefix (file destinations).</summary>
    public string? Folder { get; init; }

    public OverwritePolicy Overwrite { get; init; } = OverwritePolicy.Overwrite;

    /// <summary>Send nothing when the file has no data rows.</summary>
    public bool SkipEmpty { get; init; }

    /// <summary>Email destinations: mode, subject and message.</summary>
    public EmailOptions? Email { get; init; }
}
