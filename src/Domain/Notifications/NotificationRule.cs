namespace Courier.Domain.Notifications;

/// <summary>Who is told about one outcome, and how. Subject and body are Liquid templates over the run summary.</summary>
public sealed record NotificationRule(RunOutcome On, IReadOnlyList<string> Recipients)
{
    public string Subject { get; init; } = "[{{ outcome }}] {{ task_name }}";

    public string Body { get; init; } =
        "<p>{{ task_name }} finished with <b>{{ outcome }}</b> at {{ completed_at }} (run {{ run_id }}).</p>" +
        "{% if error %}<p>Error: {{ error }}</p>{% endif %}<pre>{{ log_excerpt }}</pre>";

    public bool AttachLog { get; init; } = true;
}
