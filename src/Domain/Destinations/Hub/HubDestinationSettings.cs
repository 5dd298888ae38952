namespace Courier.Domain.Destinations.Hub;

/// <summary>Publish to the Courier Hub: the report, who sees it (users and groups), versions kept (0 = all).</summary>
public sealed record HubDestinationSettings(string ReportKey, string ReportName) : DestinationSettings
{
    public override string Kind => HubDestination.KindName;

    public IReadOnlyList<string> Users { get; init; } = [];

    public IReadOnlyList<string> Groups { get; init; } = [];

    public int KeepVersions { get; init; }

    public string? Folder { get; init; }
}
