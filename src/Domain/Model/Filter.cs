namespace Courier.Domain.Model;

/// <summary>
/// A reusable named parameter set of a project (e.g. "EU only": <c>region = EU</c>). A task lists
/// the filters it applies; their parameters are bound to every report query of the task.
/// </summary>
public sealed record Filter
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<Parameter> Parameters { get; init; } = [];
}
