namespace Courier.Domain.Model;

/// <summary>One file-producing unit of a task: source → processing → output, with its own conditions.</summary>
public sealed record ReportDefinition
{
    public required string Name { get; init; }

    public required SourceDefinition Source { get; init; }

    public ProcessingScript? Processing { get; init; }

    public required ReportOutput Output { get; init; }

    /// <summary>Checked before this report is generated; a failing one skips the report (run ends Warning if none is left).</summary>
    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    public HubPublishing? Hub { get; init; }
}
