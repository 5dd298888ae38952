using Courier.Domain.Model;
using Courier.Domain.Scheduling;
using Courier.Domain.Starting;
using Courier.Domain.Storage;
using Courier.Functions.Runs;
using Microsoft.Extensions.Options;

namespace Courier.Functions.Triggers;

/// <summary>
/// Fires task and project schedules. Every host runs one; each occurrence starts run <c>sched:{schedule}:{occurrence}</c>
/// through the starter, whose run-id dedupe makes any number of hosts start it once. Definitions are
/// re-read every <see cref="SchedulerOptions.Refresh"/>; between refreshes a tick only compares each
/// schedule's next due instant with the clock. After downtime the schedule's catch-up policy decides
/// which missed occurrences fire (<see cref="DueOccurrences"/>).
/// </summary>
public sealed partial class ScheduleTicker(
    TaskRepository tasks,
    ProjectRepository projects,
    ScheduleStateStore state,
    ITaskStarter starter,
    ProjectRunStarter projectStarter,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<ScheduleTicker> logger) : BackgroundService
{
    private readonly SchedulerOptions _options = options.Value;
    private Dictionary<Guid, ScheduleEntry> _schedules = [];
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(_options.Tick, time);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage down or a bad definition: the next tick tries again; nothing fired is lost
                // because the last fired occurrence is only saved after its start.
                LogTickFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _refreshedAt >= _options.Refresh)
        {
            await RefreshAsync(cancellationToken);
            _refreshedAt = now;
        }
        foreach (var scheduled in _schedules.Values)
        {
            if (scheduled.NextDue is { } due && due > now)
            {
                continue;
            }
            if (scheduled.NextDue is null && scheduled.LastFired is { } last && scheduled.Calendar.NextAfter(last) is { } next && next > now)
            {
                scheduled.NextDue = next;
                continue;
            }
            await FireDueAsync(scheduled, now, cancellationToken);
        }
    }

    private async Task FireDueAsync(ScheduleEntry scheduled, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var occurrence in DueOccurrences.Compute(scheduled.Calendar, scheduled.LastFired, now, _options.Grace))
        {
            var runId = ScheduleInstanceId.For(scheduled.Schedule.Id.ToString("D"), occurrence);
            var scheduleId = scheduled.Schedule.Id.ToString("D");
            if (scheduled.Owner is TaskDefinition task)
            {
                var result = await starter.StartAsync(
                    new StartableTask(task.Id, task.Name, task.Enabled, task.Tags, task.CustomProperties),
                    new StartTrigger("schedule", scheduleId, runId) { RunId = runId },
                    cancellationToken);
                LogFired(logger, task.Name, occurrence, result.Status.ToString(), runId);
            }
            else if (scheduled.Owner is Project project)
            {
                var started = await projectStarter.StartAsync(project.Id, "schedule", scheduleId, runId, cancellationToken);
                LogFired(logger, project.Name, occurrence, started is null ? "Disabled" : "Started", runId);
            }
            scheduled.LastFired = occurrence;
            await state.SaveLastFiredAsync(scheduled.Schedule.Id, occurrence, cancellationToken);
        }
        // Occurrences are due up to now: the next one is strictly later (or none, for an ended schedule).
        scheduled.LastFired ??= now;
        scheduled.NextDue = scheduled.Calendar.NextAfter(now) ?? DateTimeOffset.MaxValue;
    }

    /// <summary>Re-reads enabled tasks and projects; schedules already known keep their fired state, new ones read it from storage.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var fresh = new Dictionary<Guid, ScheduleEntry>();
        await foreach (var stored in tasks.AllAsync(cancellationToken: cancellationToken))
        {
            if (stored.Value.Enabled)
            {
                await AddAsync(fresh, stored.Value, stored.Value.Name, stored.Value.Schedules, cancellationToken);
            }
        }
        await foreach (var stored in projects.AllAsync(cancellationToken: cancellationToken))
        {
            if (stored.Value.Enabled)
            {
                await AddAsync(fresh, stored.Value, stored.Value.Name, stored.Value.Schedules, cancellationToken);
            }
        }
        _schedules = fresh;
    }

    private async Task AddAsync(Dictionary<Guid, ScheduleEntry> fresh, IResource owner, string name, IReadOnlyList<Schedule> schedules, CancellationToken cancellationToken)
    {
        foreach (var schedule in schedules.Where(s => s.Enabled))
        {
            if (Calendar(name, schedule) is not { } calendar)
            {
                continue;
            }
            var known = _schedules.GetValueOrDefault(schedule.Id);
            fresh[schedule.Id] = new ScheduleEntry(owner, schedule, calendar)
            {
                LastFired = known is not null ? known.LastFired : await state.LastFiredAsync(schedule.Id, cancellationToken),
                // A changed definition (reschedule) recomputes; an unchanged one keeps its next due instant.
                NextDue = known?.Schedule == schedule ? known.NextDue : null,
            };
        }
    }

    private ScheduleCalendar? Calendar(string owner, Schedule schedule)
    {
        try
        {
            return ScheduleCalendar.For(schedule);
        }
        catch (ScheduleException e)
        {
            LogBadSchedule(logger, owner, schedule.Id, e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Schedule of {Owner} fired for {Occurrence:o}: {Status} ({RunId}).")]
    private static partial void LogFired(ILogger logger, string owner, DateTimeOffset occurrence, string status, string runId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Schedule {ScheduleId} of {Owner} cannot be used: {Problem}")]
    private static partial void LogBadSchedule(ILogger logger, string owner, Guid scheduleId, string problem);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A schedule tick failed; the next tick tries again.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
