namespace Courier.Domain.Model;

/// <summary>Where a report's data comes from.</summary>
public sealed record SourceDefinition
{
    public required SourceKind Kind { get; init; }

    /// <summary>Database (sql), file server (remoteFile) or ssh (sshCommand) connection; none for script.</summary>
    public Guid? ConnectionId { get; init; }

    /// <summary>Query text (sql) or command (sshCommand); USE statements are removed before running.</summary>
    public CodeLocation? Query { get; init; }

    /// <summary>remoteFile: path on the connection; Unix wildcards (<c>*</c>, <c>?</c>, <c>[seq]</c>) allowed.</summary>
    public string? Path { get; init; }

    /// <summary>remoteFile: with wildcards in <see cref="Path"/>, the newest match or all of them.</summary>
    public FileMatch Matches { get; init; } = FileMatch.Newest;

    /// <summary>remoteFile: delimiter of the incoming text, when it is re-formatted.</summary>
    public string? Delimiter { get; init; }

    /// <summary>Seconds a query or command may run (null: the connection's default).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>Parameters bound to the query in addition to the task's filters and parameters.</summary>
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];
}
