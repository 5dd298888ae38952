using Courier.Domain.Model;

namespace Courier.Domain.Exchange;

/// <summary>
/// A project with its tasks, as exported and imported. Holds no secret: tasks point at connections
/// by id, and connections (with their secrets) are never part of an export.
/// </summary>
public sealed record ProjectExport
{
    public const string CurrentFormat = "courier.project/v1";

    public string Format { get; init; } = CurrentFormat;

    public required Project Project { get; init; }

    public IReadOnlyList<TaskDefinition> Tasks { get; init; } = [];
}
