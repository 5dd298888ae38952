using Courier.Domain.Model;

namespace Courier.Domain.Storage;

/// <summary>Filters of the task list; every one given must match.</summary>
public sealed record TaskQuery
{
    /// <summary>Exact owner ("My Tasks").</summary>
    public string? Owner { get; init; }

    public Guid? ProjectId { get; init; }

    /// <summary>A tag the task carries (case-insensitive).</summary>
    public string? Tag { get; init; }

    /// <summary>A custom property name/value pair the task carries (case-insensitive).</summary>
    public CustomProperty? CustomProperty { get; init; }

    public bool? Enabled { get; init; }

    /// <summary>Text the name contains (case-insensitive).</summary>
    public string? NameContains { get; init; }
}
