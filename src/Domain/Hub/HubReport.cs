namespace Courier.Domain.Hub;

/// <summary>A report as a viewer sees it in "my reports": the newest version they may see and how many they may see.</summary>
public sealed record HubReport(string ReportKey, string ReportName, HubVersion Latest, int VisibleVersions);
