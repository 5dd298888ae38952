namespace Courier.Domain.Scheduling;

/// <summary>What to do with occurrences that fell while no host was running.</summary>
public enum CatchUpPolicy
{
    /// <summary>Skip them: only occurrences from now on fire.</summary>
    None,

    /// <summary>Fire the most recent missed occurrence once.</summary>
    Latest,

    /// <summary>Fire every missed occurrence, oldest first, up to the schedule's catch-up limit.</summary>
    All,
}
