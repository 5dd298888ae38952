namespace Courier.Domain.Model;

/// <summary>
/// A rule that must hold for a task (checked before it runs) or a report (checked before it is
/// generated), e.g. "orders loaded yesterday &gt; 0". All conditions of a list must hold.
/// </summary>
public sealed record Condition
{
    public required string Name { get; init; }

    public ConditionSourceKind Source { get; init; } = ConditionSourceKind.Query;

    /// <summary>Query: the database connection.</summary>
    public Guid? ConnectionId { get; init; }

    /// <summary>Query: scalar SQL (first column of the first row), with the task's bound parameters.</summary>
    public string? Query { get; init; }

    public ComparisonOperator Operator { get; init; } = ComparisonOperator.GreaterThan;

    /// <summary>Expected value; compared as a number when both sides parse as one, else as text.</summary>
    public required string Value { get; init; }
}
