using Courier.Domain.Model;

namespace Courier.Domain.Starting;

/// <summary>
/// Resolves selectors to a union of distinct tasks (a task named by id and by tag starts once),
/// applies the allow-list, <c>allTaskIdsMustExist</c> (which, as in Butler, only holds back tasks
/// selected by id) and the rule that disabled tasks never run.
/// </summary>
public sealed class StartPlanner(ITaskDirectory directory)
{
    public async Task<StartPlan> PlanAsync(StartSelection selection, StartAllowList allowList, CancellationToken cancellationToken)
    {
        var matches = new Dictionary<Guid, Match>();
        var invalid = new List<string>();
        var deniedTags = new List<string>();
        var deniedProperties = new List<CustomProperty>();
        var matchingNothing = new List<TaskSelector>();

        var idSelectors = new List<(TaskSelector Selector, Guid Id)>();
        foreach (var selector in selection.Selectors.Where(s => s.Kind == SelectorKind.TaskId))
        {
            if (TaskIds.TryParse(selector.Value, out var id))
            {
                idSelectors.Add((selector, id.Value));
            }
            else if (!invalid.Contains(selector.Value))
            {
                invalid.Add(selector.Value);
            }
        }
        var wantedIds = idSelectors.Select(s => s.Id).Distinct().ToList();
        var found = wantedIds.Count == 0 ? [] : await directory.FindByIdsAsync(wantedIds, cancellationToken);
        var unknown = wantedIds.Where(id => found.All(t => t.Id != id)).ToList();
        var holdBackIds = selection.AllTaskIdsMustExist && (invalid.Count > 0 || unknown.Count > 0);
        foreach (var (selector, id) in idSelectors)
        {
            if (found.FirstOrDefault(t => t.Id == id) is { } task)
            {
                MatchOf(task).Add(selector, allowed: allowList.AllowsTask(task), heldBack: holdBackIds);
            }
        }

        foreach (var selector in selection.Selectors.Where(s => s.Kind != SelectorKind.TaskId).Distinct())
        {
            if (selector.Kind == SelectorKind.Tag && !allowList.AllowsTag(selector.Value))
            {
                deniedTags.Add(selector.Value);
                continue;
            }
            if (selector.Kind == SelectorKind.CustomProperty && !allowList.AllowsCustomProperty(selector.Property!))
            {
                deniedProperties.Add(selector.Property!);
                continue;
            }
            var tasks = selector.Kind == SelectorKind.Tag
                ? await directory.FindByTagAsync(selector.Value, cancellationToken)
                : await directory.FindByCustomPropertyAsync(selector.Property!, cancellationToken);
            if (tasks.Count == 0)
            {
                matchingNothing.Add(selector);
            }
            foreach (var task in tasks)
            {
                MatchOf(task).Add(selector, allowed: true, heldBack: false);
            }
        }

        var missingIds = string.Join(", ", invalid.Concat(unknown.Select(u => u.ToString())));
        var planned = matches.Values.Select(m => m.Decide(missingIds)).ToList();
        return new StartPlan(selection, planned, invalid, unknown, deniedTags, deniedProperties, matchingNothing);

        Match MatchOf(StartableTask task) =>
            matches.TryGetValue(task.Id, out var match) ? match : matches[task.Id] = new Match(task);
    }

    /// <summary>Every way one task was reached; it starts if any allowed, not-held-back selector reached it.</summary>
    private sealed class Match(StartableTask task)
    {
        private readonly List<TaskSelector> _by = [];
        private bool _anyAllowed;
        private bool _anyStartable;

        public void Add(TaskSelector selector, bool allowed, bool heldBack)
        {
            if (!_by.Contains(selector))
            {
                _by.Add(selector);
            }
            _anyAllowed |= allowed;
            _anyStartable |= allowed && !heldBack;
        }

        public PlannedTask Decide(string missingIds)
        {
            if (!_anyAllowed)
            {
                return new PlannedTask(task, _by, TaskStartStatus.Denied, "The start allow-list does not include this task.");
            }
            if (!_anyStartable)
            {
                return new PlannedTask(task, _by, TaskStartStatus.Skipped,
                    $"allTaskIdsMustExist is set and these task IDs do not exist: {missingIds}.");
            }
            return task.Enabled
                ? new PlannedTask(task, _by, null, null)
                : new PlannedTask(task, _by, TaskStartStatus.Disabled, "The task is disabled; disabled tasks never run.");
        }
    }
}
