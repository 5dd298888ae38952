using Courier.Domain.Model;

namespace Courier.Domain.Starting;

/// <summary>What the start API needs to know about a task to select, allow and report it.</summary>
public sealed record StartableTask(
    Guid Id,
    string Name,
    bool Enabled,
    IReadOnlyList<string> Tags,
    IReadOnlyList<CustomProperty> CustomProperties)
{
    /// <summary>A new run may start while another is going (otherwise the start reports the running one).</summary>
    public bool AllowConcurrentRuns { get; init; }

    public static StartableTask From(TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.Id, task.Name, task.Enabled, task.Tags, task.CustomProperties) { AllowConcurrentRuns = task.AllowConcurrentRuns };
    }
}
