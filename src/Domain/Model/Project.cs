namespace Courier.Domain.Model;

/// <summary>A group of tasks with shared schedules, run mode, filters and parameters.</summary>
public sealed record Project : IResource
{
    /// <summary>Assigned on creation when empty.</summary>
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Owner { get; init; }

    public bool Enabled { get; init; } = true;

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    /// <summary>Schedules that start the whole project (each enabled task, or the series).</summary>
    public IReadOnlyList<Schedule> Schedules { get; init; } = [];

    public RunMode RunMode { get; init; } = RunMode.Parallel;

    /// <summary>Required in series mode: how tasks of equal (or no) rank are ordered.</summary>
    public RankConflictRule? RankConflictRule { get; init; }

    /// <summary>Reusable named parameter sets the project's tasks apply to their queries.</summary>
    public IReadOnlyList<Filter> Filters { get; init; } = [];

    /// <summary>Parameters every task of the project sees (task parameters override them).</summary>
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];
}
