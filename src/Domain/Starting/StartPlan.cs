using Courier.Domain.Model;

namespace Courier.Domain.Starting;

/// <summary>The de-duplicated result of resolving a request's selectors, before anything is started.</summary>
public sealed record StartPlan(
    StartSelection Selection,
    IReadOnlyList<PlannedTask> Tasks,
    IReadOnlyList<string> InvalidTaskIds,
    IReadOnlyList<Guid> UnknownTaskIds,
    IReadOnlyList<string> DeniedTags,
    IReadOnlyList<CustomProperty> DeniedCustomProperties,
    IReadOnlyList<TaskSelector> SelectorsMatchingNothing);
