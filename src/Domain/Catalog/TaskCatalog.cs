using Courier.Domain.Model;
using Courier.Domain.Storage;
using Courier.Domain.Validation;

namespace Courier.Domain.Catalog;

/// <summary>Tasks as the API and the UI change them: validated against what exists, guarded by ETags.</summary>
public sealed class TaskCatalog(
    TaskRepository tasks, ProjectRepository projects, ConnectionRepository connections, RecipientRepository recipients, GroupRepository groups)
{
    public TaskRepository Repository => tasks;

    public async Task<Stored<TaskDefinition>> CreateAsync(TaskDefinition task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        task = NewIds.ForTask(task, all: false);
        await ValidateAsync(task, cancellationToken);
        return await tasks.CreateAsync(task, cancellationToken);
    }

    public Task<Stored<TaskDefinition>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        tasks.GetRequiredAsync(id, cancellationToken);

    public async Task<Stored<TaskDefinition>> UpdateAsync(TaskDefinition task, string ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        task = NewIds.ForTask(task, all: false);
        await ValidateAsync(task, cancellationToken);
        return await tasks.ReplaceAsync(task, ifMatch, cancellationToken);
    }

    public Task DeleteAsync(Guid id, string ifMatch, CancellationToken cancellationToken = default) =>
        tasks.DeleteAsync(id, ifMatch, cancellationToken);

    public Task<ResultPage<Stored<TaskDefinition>>> ListAsync(TaskQuery query, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        tasks.ListAsync(query, pageSize, continuationToken, cancellationToken);

    public Task<TaskCounts> CountsAsync(TaskQuery query, CancellationToken cancellationToken = default) =>
        tasks.CountsAsync(query, cancellationToken);

    /// <summary>Enables or disables many tasks; each id reports updated, unchanged or notFound.</summary>
    public async Task<IReadOnlyList<BulkOutcome>> SetEnabledAsync(IReadOnlyList<Guid> ids, bool enabled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var outcomes = new List<BulkOutcome>();
        foreach (var id in ids.Distinct())
        {
            outcomes.Add(new BulkOutcome(id, await SetEnabledAsync(id, enabled, cancellationToken)));
        }

        return outcomes;
    }

    /// <summary>A copy of the task, disabled, without rank, with new ids for it and its schedules and triggers.</summary>
    public async Task<Stored<TaskDefinition>> DuplicateAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var source = await tasks.GetRequiredAsync(id, cancellationToken);
        var copy = NewIds.ForTask(source.Value, all: true) with { Name = NewIds.CopyName(source.Value.Name), Enabled = false, Rank = null };
        return await tasks.CreateAsync(copy, cancellationToken);
    }

    public async Task<TaskValidationContext> ContextAsync(Guid projectId, Guid taskId, Project? project = null, CancellationToken cancellationToken = default) => new()
    {
        Project = project ?? (await projects.GetAsync(projectId, cancellationToken))?.Value,
        Connections = await connections.KindsAsync(cancellationToken),
        RecipientIds = await recipients.IdsAsync(cancellationToken),
        GroupIds = await groups.IdsAsync(cancellationToken),
        RanksOfOtherTasks = await tasks.RanksAsync(projectId, taskId, cancellationToken),
    };

    internal async Task<BulkStatus> SetEnabledAsync(Guid id, bool enabled, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await tasks.GetAsync(id, cancellationToken);
            if (current is null)
            {
                return BulkStatus.NotFound;
            }

            if (current.Value.Enabled == enabled)
            {
                return BulkStatus.Unchanged;
            }

            try
            {
                await tasks.ReplaceAsync(current.Value with { Enabled = enabled }, current.ETag, cancellationToken);
                return BulkStatus.Updated;
            }
            catch (ConcurrencyException) when (attempt < 5)
            {
                // Changed between read and write: read again, so that change is kept.
            }
        }
    }

    /// <summary>
    /// Reads only what this task names (point reads), and the project's other ranks only when a rank clash
    /// would be refused, so saving a task costs the same in a catalog of ten tasks or ten thousand.
    /// </summary>
    private async Task ValidateAsync(TaskDefinition task, CancellationToken cancellationToken)
    {
        var project = (await projects.GetAsync(task.ProjectId, cancellationToken))?.Value;
        var context = new TaskValidationContext
        {
            Project = project,
            Connections = await connections.KindsAsync(task.ConnectionIds(), cancellationToken),
            RecipientIds = await recipients.ExistingAsync(task.RecipientIds(), cancellationToken),
            GroupIds = await groups.ExistingAsync(task.GroupIds(), cancellationToken),
            RanksOfOtherTasks = task.Rank is not null && project?.RankConflictRule == RankConflictRule.Reject
                ? await tasks.RanksAsync(task.ProjectId, task.Id, cancellationToken)
                : new HashSet<int>(),
        };
        ValidationException.ThrowIfAny(TaskValidator.Validate(task, context));
    }
}
