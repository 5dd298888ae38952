using Courier.Domain.Model;

namespace Courier.Domain.Starting;

/// <summary>
/// The answer to a Courier-form start: the seed's <c>tasksStarted / tasksNotFound / totalTasksStarted</c>,
/// where each started task carries its run id and the selectors that matched it, plus what was not
/// started and why (disabled, denied, already running, held back) so nothing is silently dropped.
/// </summary>
public sealed record CourierStartResponse(
    IReadOnlyList<CourierStartResponse.StartedEntry> TasksStarted,
    IReadOnlyList<CourierStartResponse.NotStartedEntry> TasksNotStarted,
    IReadOnlyList<string> TasksNotFound,
    IReadOnlyList<string> TagsDenied,
    IReadOnlyList<CustomProperty> CustomPropertiesDenied,
    IReadOnlyList<string> SelectorsMatchingNothing,
    int TotalTasksStarted)
{
    public static CourierStartResponse From(StartReport report) => new(
        [.. report.Tasks.Where(t => t.Status == TaskStartStatus.Started).Select(t => new StartedEntry(
            t.Planned.Task.Id.ToString(), t.Planned.Task.Name, "started", t.RunId, Describe(t)))],
        [.. report.Tasks.Where(t => t.Status != TaskStartStatus.Started).Select(t => new NotStartedEntry(
            t.Planned.Task.Id.ToString(), t.Planned.Task.Name, StatusName(t.Status), t.RunId, t.Reason ?? "", Describe(t)))],
        [.. report.Plan.UnknownTaskIds.Select(id => id.ToString())],
        report.Plan.DeniedTags,
        report.Plan.DeniedCustomProperties,
        [.. report.Plan.SelectorsMatchingNothing.Select(s => s.Describe())],
        report.TotalStarted);

    private static IReadOnlyList<string> Describe(StartedTask task) => [.. task.Planned.MatchedBy.Select(s => s.Describe()).Distinct()];

    private static string StatusName(TaskStartStatus status) => status switch
    {
        TaskStartStatus.AlreadyRunning => "alreadyRunning",
        TaskStartStatus.Disabled => "disabled",
        TaskStartStatus.Denied => "denied",
        TaskStartStatus.Skipped => "skipped",
        _ => "started",
    };

    public sealed record StartedEntry(string TaskId, string TaskName, string Status, string? RunId, IReadOnlyList<string> MatchedBy);

    public sealed record NotStartedEntry(
        string TaskId, string TaskName, string Status, string? RunId, string Reason, IReadOnlyList<string> MatchedBy);
}
