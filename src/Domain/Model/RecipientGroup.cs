namespace Courier.Domain.Model;

/// <summary>A named set of recipients, used wherever recipients are.</summary>
public sealed record RecipientGroup : IResource
{
    /// <summary>Assigned on creation when empty.</summary>
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<Guid> MemberIds { get; init; } = [];

    /// <summary>Members may see files published to the Hub.</summary>
    public bool CanSeeInHub { get; init; }
}
