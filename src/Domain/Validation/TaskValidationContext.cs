using Courier.Domain.Model;

namespace Courier.Domain.Validation;

/// <summary>What a task's validation needs to know about the resources it points at.</summary>
public sealed record TaskValidationContext
{
    /// <summary>The task's project, or null when it does not exist.</summary>
    public Project? Project { get; init; }

    /// <summary>Kinds of the connections that exist, by id.</summary>
    public IReadOnlyDictionary<Guid, ConnectionKind> Connections { get; init; } = new Dictionary<Guid, ConnectionKind>();

    public IReadOnlySet<Guid> RecipientIds { get; init; } = new HashSet<Guid>();

    public IReadOnlySet<Guid> GroupIds { get; init; } = new HashSet<Guid>();

    /// <summary>Ranks held by the project's other tasks (for <see cref="RankConflictRule.Reject"/>).</summary>
    public IReadOnlySet<int> RanksOfOtherTasks { get; init; } = new HashSet<int>();
}
