using Courier.Domain.Model;

namespace Courier.Domain.Validation;

/// <summary>Rules for a task, given what exists around it (project, connections, recipients, groups).</summary>
public static class TaskValidator
{
    private const long MaxAttachmentLimit = 50L * 1024 * 1024;

    public static IReadOnlyList<ValidationError> Validate(TaskDefinition task, TaskValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new FieldErrors();
        CommonRules.Id(errors, "id", task.Id);
        CommonRules.Name(errors, "name", task.Name);
        CommonRules.Name(errors, "owner", task.Owner);
        CommonRules.Text(errors, "description", task.Description);
        CommonRules.Tags(errors, task.Tags);
        CommonRules.CustomProperties(errors, task.CustomProperties);
        CommonRules.Parameters(errors, "parameters", task.Parameters);
        Project(errors, task, context);
        if (task.Reports.Count == 0)
        {
            errors.Add("reports", "must hold at least one report");
        }

        var reportNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < task.Reports.Count; i++)
        {
            var item = errors.Item("reports", i);
            ReportRules.Validate(item, task.Reports[i], context);
            if (task.Reports[i].Name is { } name && !reportNames.Add(name))
            {
                item.Add("name", "is used by another report of the task");
            }
        }

        Destinations(errors, task, context);
        ReferenceRules.Recipients(errors, "recipientIds", task.RecipientIds, context.RecipientIds, "recipient");
        ReferenceRules.Recipients(errors, "groupIds", task.GroupIds, context.GroupIds, "group");
        Notifications(errors, task.Notifications, context);
        ReferenceRules.Conditions(errors, task.Conditions, context, reportLevel: false);
        Retry(errors.At("retry"), task.Retry);
        if (task.Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            errors.Add("timeout", "must be positive");
        }

        if (task.TestMode.Enabled && !CommonRules.IsEmailAddress(task.TestMode.Address))
        {
            errors.Add("testMode.address", "must be an email address when test mode is enabled");
        }

        ScheduleRules.Validate(errors, task.Schedules);
        Triggers(errors, task, context);
        return errors.Errors;
    }

    private static void Project(FieldErrors errors, TaskDefinition task, TaskValidationContext context)
    {
        if (context.Project is not { } project)
        {
            errors.Add("projectId", "is not a known project");
            for (var i = 0; i < task.Filters.Count; i++)
            {
                errors.Add($"filters[{i}]", "cannot be checked without the project");
            }

            return;
        }

        if (task.Rank is < 0)
        {
            errors.Add("rank", "must be 0 or more");
        }

        if (project.RunMode == RunMode.Series)
        {
            if (project.RankConflictRule is null)
            {
                errors.Add("projectId", "the project runs in series mode without a rankConflictRule; set one on the project first");
            }
            else if (project.RankConflictRule == RankConflictRule.Reject && task.Rank is { } rank && context.RanksOfOtherTasks.Contains(rank))
            {
                errors.Add("rank", "is already held by another task of the project (its rankConflictRule is reject)");
            }
        }

        for (var i = 0; i < task.Filters.Count; i++)
        {
            if (!project.Filters.Any(f => string.Equals(f.Name, task.Filters[i], StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"filters[{i}]", "is not a filter of the project");
            }
        }
    }

    private static void Destinations(FieldErrors errors, TaskDefinition task, TaskValidationContext context)
    {
        for (var i = 0; i < task.Destinations.Count; i++)
        {
            var d = task.Destinations[i];
            var item = errors.Item("destinations", i);
            ReferenceRules.Connection(item, "connectionId", d.ConnectionId, ConnectionKinds.ForDestination(d.Kind), context, required: true);
            if (d.Folder is { } folder && (folder.Split('/', '\\').Contains("..") || folder.Any(char.IsControl)))
            {
                item.Add("folder", "must not contain '..' or control characters");
            }

            if (d.Kind == DestinationKind.Email)
            {
                if (task.RecipientIds.Count == 0 && task.GroupIds.Count == 0)
                {
                    item.Add("kind", "an email destination needs the task's recipientIds or groupIds");
                }

                if (d.Email?.Mode == EmailDeliveryMode.Embed && task.Reports.Any(r => r.Output.Format != OutputFormat.Html))
                {
                    item.Add("email.mode", "embed needs every report of the task in html format");
                }

                if (d.Email is { } email)
                {
                    AttachmentLimits(item, "email.", email.MaxAttachmentBytes, email.DownloadLinkValidity);
                }
            }
            else if (d.Email is not null)
            {
                item.Add("email", "applies only to email destinations");
            }
        }
    }

    private static void Notifications(FieldErrors errors, IReadOnlyList<Notification> notifications, TaskValidationContext context)
    {
        for (var i = 0; i < notifications.Count; i++)
        {
            var n = notifications[i];
            var item = errors.Item("notifications", i);
            if (n.On.Count == 0)
            {
                item.Add("on", "must list at least one outcome (success, warning, error)");
            }

            if (n.Channel == NotificationChannel.Email)
            {
                ReferenceRules.Connection(item, "connectionId", n.ConnectionId, ConnectionKinds.Mail, context, required: true);
                if (n.RecipientIds.Count == 0 && n.GroupIds.Count == 0)
                {
                    item.Add("recipientIds", "an email notification needs recipientIds or groupIds");
                }
            }
            else
            {
                if (!CommonRules.IsHttpAddress(n.WebhookAddress))
                {
                    item.Add("webhookAddress", "must be an absolute http or https address");
                }

                ReferenceRules.Connection(item, "connectionId", n.ConnectionId, new HashSet<ConnectionKind> { ConnectionKind.Http }, context, required: false);
            }

            ReferenceRules.Recipients(item, "recipientIds", n.RecipientIds, context.RecipientIds, "recipient");
            ReferenceRules.Recipients(item, "groupIds", n.GroupIds, context.GroupIds, "group");
            if (n.RateLimit < TimeSpan.Zero)
            {
                item.Add("rateLimit", "must not be negative");
            }

            AttachmentLimits(item, "", n.MaxAttachmentBytes, n.DownloadLinkValidity);

            CommonRules.Text(item, "subject", n.Subject, 500);
            CommonRules.Text(item, "message", n.Message);
        }
    }

    /// <summary>Mail servers commonly refuse messages over 25–50 MB; a link must outlive its delivery but not live for ever.</summary>
    private static void AttachmentLimits(FieldErrors item, string prefix, long? maxAttachmentBytes, TimeSpan? downloadLinkValidity)
    {
        if (maxAttachmentBytes is < 0 or > MaxAttachmentLimit)
        {
            item.Add(prefix + "maxAttachmentBytes", $"must be between 0 and {MaxAttachmentLimit}");
        }

        if (downloadLinkValidity is { } validity && (validity < TimeSpan.FromMinutes(5) || validity > TimeSpan.FromDays(365)))
        {
            item.Add(prefix + "downloadLinkValidity", "must be between 5 minutes and 365 days");
        }
    }

    private static void Retry(FieldErrors errors, RetryPolicy retry)
    {
        if (retry.MaxRetries is < 0 or > 100)
        {
            errors.Add("maxRetries", "must be between 0 and 100");
        }

        if (retry.FirstDelay <= TimeSpan.Zero)
        {
            errors.Add("firstDelay", "must be positive");
        }

        if (retry.BackoffCoefficient is < 1 or > 10 || double.IsNaN(retry.BackoffCoefficient))
        {
            errors.Add("backoffCoefficient", "must be between 1 and 10");
        }

        if (retry.MaxDelay < retry.FirstDelay)
        {
            errors.Add("maxDelay", "must be at least firstDelay");
        }
    }

    private static void Triggers(FieldErrors errors, TaskDefinition task, TaskValidationContext context)
    {
        for (var i = 0; i < task.Triggers.Count; i++)
        {
            var t = task.Triggers[i];
            var item = errors.Item("triggers", i);
            CommonRules.Id(item, "id", t.Id);
            if (t.Kind == TriggerKind.TaskCompleted)
            {
                if (t.UpstreamTaskId is not { } upstream || upstream == Guid.Empty)
                {
                    item.Add("upstreamTaskId", "is required for a taskCompleted trigger");
                }
                else if (upstream == task.Id)
                {
                    item.Add("upstreamTaskId", "must not be the task itself");
                }

                if (t.On.Count == 0)
                {
                    item.Add("on", "must list at least one outcome");
                }
            }
            else
            {
                ReferenceRules.Connection(item, "connectionId", t.ConnectionId, new HashSet<ConnectionKind> { ConnectionKind.Blob }, context, required: true);
            }
        }
    }
}
