using Courier.Domain.Model;
using Courier.Domain.Scheduling;
using Courier.Domain.Starting;
using Courier.Domain.Storage;
using Microsoft.Extensions.Options;

namespace Courier.Functions.Triggers;

/// <summary>
/// Fires task schedules. Every host runs one; each occurrence starts run <c>sched:{schedule}:{occurrence}</c>
/// through the starter, whose run-id dedupe makes any number of hosts start it once. Definitions are
/// re-read every <see cref="SchedulerOptions.Refresh"/>; between refreshes a tick only compares each
/// schedule's next due instant with the clock. After downtime the schedule's catch-up policy decides
/// which missed occurrences fire (<see cref="DueOccurrences"/>).
/// </summary>
public sealed partial class ScheduleTicker(
    TaskRepository tasks,
    ScheduleStateStore state,
    ITaskStarter starter,
    IOptions<SchedulerOptions> options,
    TimeProvider time,
    ILogger<ScheduleTicker> logger) : BackgroundService
{
    private readonly SchedulerOptions _options = options.Value;
    private Dictionary<Guid, ScheduledTask> _schedules = [];
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

    private async Task FireDueAsync(ScheduledTask scheduled, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var occurrence in DueOccurrences.Compute(scheduled.Calendar, scheduled.LastFired, now, _options.Grace))
        {
            var runId = ScheduleInstanceId.For(scheduled.Schedule.Id.ToString("D"), occurrence);
            var task = scheduled.Task;
            var result = await starter.StartAsync(
                new StartableTask(task.Id, task.Name, task.Enabled, task.Tags, task.CustomProperties),
                new StartTrigger("schedule", scheduled.Schedule.Id.ToString("D"), runId) { RunId = runId },
                cancellationToken);
            LogFired(logger, task.Name, occurrence, result.Status, runId);
            scheduled.LastFired = occurrence;
            await state.SaveLastFiredAsync(scheduled.Schedule.Id, occurrence, cancellationToken);
        }
        // Occurrences are due up to now: the next one is strictly later (or none, for an ended schedule).
        scheduled.LastFired ??= now;
        scheduled.NextDue = scheduled.Calendar.NextAfter(now) ?? DateTimeOffset.MaxValue;
    }

    /// <summary>Re-reads enabled tasks; schedules already known keep their fired state, new ones read it from storage.</summary>
    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var fresh = new Dictionary<Guid, ScheduledTask>();
        await foreach (var stored in tasks.AllAsync(cancellationToken: cancellationToken))
        {
            var task = stored.Value;
            if (!task.Enabled)
            {
                continue;
            }
            foreach (var schedule in task.Schedules.Where(s => s.Enabled))
            {
                if (Calendar(task, schedule) is not { } calendar)
                {
                    continue;
                }
                var known = _schedules.GetValueOrDefault(schedule.Id);
                var scheduled = new ScheduledTask(task, schedule, calendar)
                {
                    LastFired = known is not null ? known.LastFired : await state.LastFiredAsync(schedule.Id, cancellationToken),
                    // A changed definition (reschedule) recomputes; an unchanged one keeps its next due instant.
                    NextDue = known?.Schedule == schedule ? known.NextDue : null,
                };
                fresh[schedule.Id] = scheduled;
            }
        }
        _schedules = fresh;
    }

    private ScheduleCalendar? Calendar(TaskDefinition task, Schedule schedule)
    {
        try
        {
            return ScheduleCalendar.For(schedule);
        }
        catch (ScheduleException e)
        {
            LogBadSchedule(logger, task.Name, schedule.Id, e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Schedule of task {Task} fired for {Occurrence:o}: {Status} ({RunId}).")]
    private static partial void LogFired(ILogger logger, string task, DateTimeOffset occurrence, TaskStartStatus status, string runId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Schedule {ScheduleId} of task {Task} cannot be used: {Problem}")]
    private static partial void LogBadSchedule(ILogger logger, string task, Guid scheduleId, string problem);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A schedule tick failed; the next tick tries again.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
