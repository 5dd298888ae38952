using Courier.Domain.Model;

namespace Courier.Domain.Starting;

/// <summary>
/// Which tasks outside callers (HTTP and queue alike) may start. Unlike Butler, whose code checks only
/// the list of the selector type used while its documentation calls the lists additive, Courier makes
/// them additive for the task: a task selected by id may start when its id, one of its tags or one
/// of its custom properties is listed. A tag or property selector is itself allowed only when listed.
/// </summary>
public sealed record StartAllowList
{
    public static StartAllowList Open { get; } = new();

    public bool Enabled { get; init; }

    public IReadOnlyList<Guid> TaskIds { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    public bool AllowsTask(StartableTask task) =>
        !Enabled
        || TaskIds.Contains(task.Id)
        || task.Tags.Any(AllowsTag)
        || task.CustomProperties.Any(AllowsCustomProperty);

    public bool AllowsTag(string tag) => !Enabled || Tags.Contains(tag, StringComparer.Ordinal);

    public bool AllowsCustomProperty(CustomProperty property) => !Enabled || CustomProperties.Contains(property);
}
