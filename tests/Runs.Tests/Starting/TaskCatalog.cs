using Courier.Domain.Starting;
using Courier.Domain.Model;

namespace Courier.Runs.Tests.Starting;

/// <summary>
/// A fixed set of tasks behind the directory port, and a starter that records what it was asked to
/// start. These test the selection rules alone; the host-level tests use the Table Storage directory
/// and the durable starter.
/// </summary>
internal sealed class TaskCatalog : ITaskDirectory, ITaskStarter
{
    private readonly List<StartableTask> _tasks = [];

    public List<Guid> StartedIds { get; } = [];

    public HashSet<Guid> Running { get; } = [];

    public StartableTask Add(string name, bool enabled = true, string[]? tags = null, params CustomProperty[] properties)
    {
        var task = new StartableTask(Guid.NewGuid(), name, enabled, tags ?? [], properties);
        _tasks.Add(task);
        return task;
    }

    public Task<IReadOnlyList<StartableTask>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StartableTask>>([.. _tasks.Where(t => ids.Contains(t.Id))]);

    public Task<IReadOnlyList<StartableTask>> FindByTagAsync(string tag, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StartableTask>>([.. _tasks.Where(t => t.Tags.Contains(tag))]);

    public Task<IReadOnlyList<StartableTask>> FindByCustomPropertyAsync(CustomProperty customProperty, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StartableTask>>([.. _tasks.Where(t => t.CustomProperties.Contains(customProperty))]);

    public Task<TaskStartResult> StartAsync(StartableTask task, StartTrigger trigger, CancellationToken cancellationToken)
    {
        if (Running.Contains(task.Id))
        {
            return Task.FromResult(new TaskStartResult(TaskStartStatus.AlreadyRunning, $"run-{task.Id:N}-0"));
        }
        StartedIds.Add(task.Id);
        return Task.FromResult(new TaskStartResult(TaskStartStatus.Started, $"run-{task.Id:N}-{StartedIds.Count}"));
    }
}
