namespace Courier.Domain.Storage;

/// <summary>The "name clouds" of the task list: tasks per owner and per project (project id as the name).</summary>
public sealed record TaskCounts(int Total, IReadOnlyList<NameCount> Owners, IReadOnlyList<NameCount> Projects);
