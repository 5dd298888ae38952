namespace Courier.Domain.Model;

/// <summary>An event that starts a task (schedules, HTTP and queue starts are separate).</summary>
public sealed record Trigger
{
    /// <summary>Assigned on creation when empty.</summary>
    public Guid Id { get; init; }

    public required TriggerKind Kind { get; init; }

    /// <summary><see cref="TriggerKind.TaskCompleted"/>: the task whose completion starts this one.</summary>
    public Guid? UpstreamTaskId { get; init; }

    /// <summary><see cref="TriggerKind.TaskCompleted"/>: the outcomes that count (default: success).</summary>
    public IReadOnlyList<RunOutcome> On { get; init; } = [RunOutcome.Success];

    /// <summary><see cref="TriggerKind.BlobCreated"/>: the blob connection watched.</summary>
    public Guid? ConnectionId { get; init; }

    /// <summary><see cref="TriggerKind.BlobCreated"/>: blob names must begin with this.</summary>
    public string? PathPrefix { get; init; }

    public bool Enabled { get; init; } = true;
}
