namespace Courier.Domain.Model;

/// <summary>
/// A task: one or more reports, delivered to task-level destinations and recipients, started by
/// schedules, triggers, HTTP or queue messages. Named TaskDefinition to stay clear of
/// <see cref="System.Threading.Tasks.Task"/>.
/// </summary>
public sealed record TaskDefinition : IResource
{
    /// <summary>Assigned on creation when empty.</summary>
    public Guid Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required Guid ProjectId { get; init; }

    /// <summary>User name or address of the owner ("My Tasks").</summary>
    public required string Owner { get; init; }

    /// <summary>A new task may be enabled at creation; disabled tasks never start.</summary>
    public bool Enabled { get; init; }

    /// <summary>
    /// A start while a run is going starts another run; off (the default), the start reports the running
    /// run instead (Atlas and Qalyptus never overlap a task with itself).
    /// </summary>
    public bool AllowConcurrentRuns { get; init; }

    /// <summary>Order in a series project (lower first); null sorts last, then by name.</summary>
    public int? Rank { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    public IReadOnlyList<ReportDefinition> Reports { get; init; } = [];

    public IReadOnlyList<Destination> Destinations { get; init; } = [];

    /// <summary>Email recipients of the produced files.</summary>
    public IReadOnlyList<Guid> RecipientIds { get; init; } = [];

    public IReadOnlyList<Guid> GroupIds { get; init; } = [];

    public IReadOnlyList<Notification> Notifications { get; init; } = [];

    /// <summary>Checked before the task runs; any failing one skips the run.</summary>
    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    /// <summary>Names of project filters whose parameters are bound to every report query.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Task parameters; they override project parameters of the same name.</summary>
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];

    public RetryPolicy Retry { get; init; } = new();

    /// <summary>A run still going after this long is cancelled and fails.</summary>
    public TimeSpan? Timeout { get; init; }

    public TestMode TestMode { get; init; } = new();

    public IReadOnlyList<Schedule> Schedules { get; init; } = [];

    public IReadOnlyList<Trigger> Triggers { get; init; } = [];
}
