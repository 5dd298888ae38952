using System.Text.Json.Serialization;
using Courier.Domain.Model;

namespace Courier.Domain.Starting;

/// <summary>
/// The answer to a Butler-form start, in Butler's own shape so existing callers parse it unchanged.
/// A task reached by several selectors started once; it is listed under the first kind that reached
/// it (id, then tag, then custom property). Courier adds <c>runId</c> to each started entry and a
/// <c>tasksNotStarted</c> list (disabled, already running); Butler callers ignore both.
/// </summary>
public sealed record ButlerStartResponse(
    [property: JsonPropertyName("tasksId")] ButlerStartResponse.IdSection TasksId,
    [property: JsonPropertyName("tasksTag")] IReadOnlyList<ButlerStartResponse.TaskEntry> TasksTag,
    [property: JsonPropertyName("tasksTagDenied")] IReadOnlyList<ButlerStartResponse.TagEntry> TasksTagDenied,
    [property: JsonPropertyName("tasksCP")] IReadOnlyList<ButlerStartResponse.TaskEntry> TasksCP,
    [property: JsonPropertyName("tasksCPDenied")] IReadOnlyList<CustomProperty> TasksCPDenied,
    [property: JsonPropertyName("tasksNotStarted")] IReadOnlyList<ButlerStartResponse.NotStartedEntry> TasksNotStarted)
{
    public static ButlerStartResponse From(StartReport report)
    {
        var started = report.Tasks.Where(t => t.Status == TaskStartStatus.Started).ToList();
        var byIdStarted = started.Where(t => FirstKind(t) == SelectorKind.TaskId).Select(Entry).ToList();
        var byTag = started.Where(t => FirstKind(t) == SelectorKind.Tag).Select(Entry).ToList();
        var byProperty = started.Where(t => FirstKind(t) == SelectorKind.CustomProperty).Select(Entry).ToList();

        // Butler reports malformed and unknown ids alike as invalid, and ids held back by the allow-list
        // or by allTaskIdsMustExist as denied.
        var invalid = report.Plan.InvalidTaskIds.Concat(report.Plan.UnknownTaskIds.Select(id => id.ToString()))
            .Select(id => new IdEntry(id)).ToList();
        var denied = report.Tasks
            .Where(t => t.Status is TaskStartStatus.Denied or TaskStartStatus.Skipped && FirstKind(t) == SelectorKind.TaskId)
            .Select(t => new IdEntry(t.Planned.Task.Id.ToString())).ToList();
        var notStarted = report.Tasks
            .Where(t => t.Status is TaskStartStatus.Disabled or TaskStartStatus.AlreadyRunning)
            .Select(t => new NotStartedEntry(t.Planned.Task.Id.ToString(), t.Planned.Task.Name,
                t.Status == TaskStartStatus.Disabled ? "disabled" : "alreadyRunning", t.RunId, t.Reason ?? ""))
            .ToList();

        return new ButlerStartResponse(
            new IdSection(byIdStarted, invalid, denied),
            byTag,
            [.. report.Plan.DeniedTags.Select(tag => new TagEntry(tag))],
            byProperty,
            report.Plan.DeniedCustomProperties,
            notStarted);
    }

    private static SelectorKind FirstKind(StartedTask task) => task.Planned.MatchedBy.Min(s => s.Kind);

    private static TaskEntry Entry(StartedTask task) => new(task.Planned.Task.Id.ToString(), task.Planned.Task.Name, task.RunId);

    public sealed record IdSection(
        [property: JsonPropertyName("started")] IReadOnlyList<TaskEntry> Started,
        [property: JsonPropertyName("invalid")] IReadOnlyList<IdEntry> Invalid,
        [property: JsonPropertyName("denied")] IReadOnlyList<IdEntry> Denied);

    public sealed record TaskEntry(
        [property: JsonPropertyName("taskId")] string TaskId,
        [property: JsonPropertyName("taskName")] string TaskName,
        [property: JsonPropertyName("runId")] string? RunId);

    public sealed record IdEntry([property: JsonPropertyName("taskId")] string TaskId);

    public sealed record TagEntry([property: JsonPropertyName("tag")] string Tag);

    public sealed record NotStartedEntry(
        [property: JsonPropertyName("taskId")] string TaskId,
        [property: JsonPropertyName("taskName")] string TaskName,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("runId")] string? RunId,
        [property: JsonPropertyName("reason")] string Reason);
}
