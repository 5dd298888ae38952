namespace Courier.Domain.Hub;

/// <summary>One published version of a report in the Hub, with who may see it.</summary>
public sealed record HubVersion(string ReportKey, long Version, string ReportName, string FileName, long Size, string Sha256, DateTimeOffset PublishedAt)
{
    public string? RunId { get; init; }

    public string? Folder { get; init; }

    public IReadOnlyList<string> Users { get; init; } = [];

    public IReadOnlyList<string> Groups { get; init; } = [];

    public bool IsVisibleTo(HubViewer viewer) =>
        Users.Contains(viewer.User, StringComparer.OrdinalIgnoreCase)
        || Groups.Any(g => viewer.Groups.Contains(g, StringComparer.OrdinalIgnoreCase));
}
