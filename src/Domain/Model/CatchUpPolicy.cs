namespace Courier.Domain.Model;

/// <summary>What a schedule does with occurrences missed while no host was running.</summary>
public enum CatchUpPolicy
{
    /// <summary>Missed occurrences are dropped.</summary>
    Skip,

    /// <summary>One run replaces all missed occurrences.</summary>
    RunOnce,

    /// <summary>Every missed occurrence runs.</summary>
    RunAll,
}
