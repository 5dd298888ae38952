namespace Courier.Domain.Model;

/// <summary>
/// Someone who receives files and notifications. An address of the form <c>digits@gateway</c> is
/// an SMS gateway and gets the short text message instead of the HTML email (Atlas' rule).
/// </summary>
public sealed record Recipient : IResource
{
    /// <summary>Assigned on creation when empty.</summary>
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public required string Email { get; init; }

    /// <summary>May see files published to the Hub ("See in the Hub").</summary>
    public bool CanSeeInHub { get; init; }

    public bool Enabled { get; init; } = true;

    public IReadOnlyList<string> Tags { get; init; } = [];
}
