namespace Courier.Domain.Model;

/// <summary>
/// A named value: project and task parameters (file-name templates, script environment) and the
/// members of a filter. Queries receive them as bound parameters, never as substituted text.
/// </summary>
public sealed record Parameter
{
    public required string Name { get; init; }

    public required string Value { get; init; }
}
