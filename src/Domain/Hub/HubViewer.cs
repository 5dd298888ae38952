namespace Courier.Domain.Hub;

/// <summary>The signed-in user asking the Hub: their name and the groups they belong to.</summary>
public sealed record HubViewer(string User, IReadOnlyList<string> Groups);
