namespace Courier.Domain.Hub;

/// <summary>What to publish: the report, who sees it, and how many versions to keep (0 = all).</summary>
public sealed record HubPublication(string ReportKey, string ReportName)
{
    public IReadOnlyList<string> Users { get; init; } = [];

    public IReadOnlyList<string> Groups { get; init; } = [];

    public int KeepVersions { get; init; }

    /// <summary>The folder the Hub shows the report in; null for the top level.</summary>
    public string? Folder { get; init; }
}
