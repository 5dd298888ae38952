using Courier.Domain.Model;

namespace Courier.Domain.Catalog;

/// <summary>Gives fresh ids to what has none (creation) or to everything (duplication).</summary>
internal static class NewIds
{
    public static IReadOnlyList<Schedule> Schedules(IReadOnlyList<Schedule> schedules, bool all) =>
        [.. schedules.Select(s => all || s.Id == Guid.Empty ? s with { Id = Guid.NewGuid() } : s)];

    public static IReadOnlyList<Trigger> Triggers(IReadOnlyList<Trigger> triggers, bool all) =>
        [.. triggers.Select(t => all || t.Id == Guid.Empty ? t with { Id = Guid.NewGuid() } : t)];

    public static TaskDefinition ForTask(TaskDefinition task, bool all) => task with
    {
        Id = all || task.Id == Guid.Empty ? Guid.NewGuid() : task.Id,
        Schedules = Schedules(task.Schedules, all),
        Triggers = Triggers(task.Triggers, all),
    };

    public static Project ForProject(Project project, bool all) => project with
    {
        Id = all || project.Id == Guid.Empty ? Guid.NewGuid() : project.Id,
        Schedules = Schedules(project.Schedules, all),
    };

    /// <summary>"Name (copy)", kept within the name limit.</summary>
    public static string CopyName(string name)
    {
        const string suffix = " (copy)";
        var room = Validation.CommonRules.MaxNameLength - suffix.Length;
        return (name.Length > room ? name[..room] : name) + suffix;
    }
}
