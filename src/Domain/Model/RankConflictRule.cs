namespace Courier.Domain.Model;

/// <summary>What a series project does when two tasks share a rank (or have none).</summary>
public enum RankConflictRule
{
    /// <summary>Tasks with the same rank run one after another, ordered by name (Atlas' behaviour).</summary>
    ByName,

    /// <summary>Tasks with the same rank run together; the next rank waits for all of them.</summary>
    Together,

    /// <summary>Saving a task whose rank is already taken in the project is refused.</summary>
    Reject,
}
