namespace Courier.Domain.Model;

/// <summary>
/// Qalyptus' test mode: every email goes to one address, its subject prefixed with the original
/// recipient; real recipients, CC and BCC receive nothing.
/// </summary>
public sealed record TestMode
{
    public bool Enabled { get; init; }

    public string? Address { get; init; }

    /// <summary>Also leave file destinations and the Hub alone while testing (by default they are delivered as usual).</summary>
    public bool SkipOtherDestinations { get; init; }
}
