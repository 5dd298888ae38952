namespace Courier.Domain.Model;

/// <summary>The other resources a task points at: used by the in-use check and by validation.</summary>
public static class TaskReferences
{
    /// <summary>Every connection id the task uses, anywhere (sources, code, conditions, outputs, destinations, notifications, triggers).</summary>
    public static IReadOnlySet<Guid> ConnectionIds(this TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var ids = new HashSet<Guid>();
        void Add(Guid? id)
        {
            if (id is { } value)
            {
                ids.Add(value);
            }
        }

        foreach (var report in task.Reports)
        {
            Add(report.Source.ConnectionId);
            Add(report.Source.Query?.ConnectionId);
            Add(report.Processing?.Code.ConnectionId);
            Add(report.Output.PgpKeyConnectionId);
            foreach (var condition in report.Conditions)
            {
                Add(condition.ConnectionId);
            }
        }

        foreach (var condition in task.Conditions)
        {
            Add(condition.ConnectionId);
        }

        foreach (var destination in task.Destinations)
        {
            Add(destination.ConnectionId);
        }

        foreach (var notification in task.Notifications)
        {
            Add(notification.ConnectionId);
        }

        foreach (var trigger in task.Triggers)
        {
            Add(trigger.ConnectionId);
        }

        return ids;
    }

    /// <summary>Every recipient id the task names (its recipients, its notifications', its reports' Hub readers).</summary>
    public static IReadOnlySet<Guid> RecipientIds(this TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.RecipientIds
            .Concat(task.Notifications.SelectMany(n => n.RecipientIds))
            .Concat(task.Reports.SelectMany(r => r.Hub?.RecipientIds ?? []))
            .ToHashSet();
    }

    /// <summary>Every group id the task names (as <see cref="RecipientIds"/> does for recipients).</summary>
    public static IReadOnlySet<Guid> GroupIds(this TaskDefinition task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.GroupIds
            .Concat(task.Notifications.SelectMany(n => n.GroupIds))
            .Concat(task.Reports.SelectMany(r => r.Hub?.GroupIds ?? []))
            .ToHashSet();
    }
}
