namespace Courier.Domain.Model;

/// <summary>How the tasks of a project run when the project is started as a whole.</summary>
public enum RunMode
{
    /// <summary>Every enabled task starts at once.</summary>
    Parallel,

    /// <summary>One task after another, by rank then name; a final failure stops and marks the rest.</summary>
    Series,
}
