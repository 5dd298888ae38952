namespace Courier.Functions.Triggers;

/// <summary>Settings of the schedule ticker (<c>Courier:Scheduler</c>).</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Courier:Scheduler";

    /// <summary>Off on hosts that should only serve the API.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often due occurrences are looked for; one second serves cron expressions with seconds.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the tasks and their schedules are re-read (edits take effect within this).</summary>
    public TimeSpan Refresh { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far back a newly seen schedule looks, and how late an occurrence may still fire on time.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(1);
}
