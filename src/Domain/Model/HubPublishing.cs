namespace Courier.Domain.Model;

/// <summary>Publishing a report's files to the Courier Hub portal (Qalyptus' Hub).</summary>
public sealed record HubPublishing
{
    public bool Enabled { get; init; }

    /// <summary>Folder shown in the Hub.</summary>
    public string? Folder { get; init; }

    /// <summary>Keep the last N versions; 0 keeps all.</summary>
    public int RetentionCount { get; init; }

    /// <summary>Recipients who may see the files, in addition to <see cref="GroupIds"/>.</summary>
    public IReadOnlyList<Guid> RecipientIds { get; init; } = [];

    public IReadOnlyList<Guid> GroupIds { get; init; } = [];
}
