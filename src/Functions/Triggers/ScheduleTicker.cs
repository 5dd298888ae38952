using Courier.Domain.Model;
using Courier.Domain.Scheduling;
using Courier.Domain.Starting;
using Courier.Domain.Storage;
using Courier.Functions.Runs;
using Microsoft.Extensions.Options;

namespace Courier.Functions.Triggers;

/// <summary>
/// Fires task and project schedules. Every host runs one; each occurrence starts run
/// <c>sched:{schedule}:{occurrence}</c>, whose id the runtime deduplicates, so any number of hosts start
/// it once. Definitions are re-read every <see cref="SchedulerOptions.Refresh"/>; in between, a tick
/// asks the <see cref="ScheduleBook{TOwner}"/> what is due. After downtime the schedule's catch-up
/// policy decides which missed occurrences fire (<see cref="DueOccurrences"/>).
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
    private readonly ScheduleBook<IResource> _book = new();
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
                // Storage down: the next tick tries again.
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
            _book.Replace(await ReadSlotsAsync(cancellationToken));
            _refreshedAt = now;
        }
        foreach (var fire in _book.Due(now, _options.Grace))
        {
            try
            {
                var status = await StartAsync(fire, cancellationToken);
                LogFired(logger, fire.Schedule.Id, fire.Occurrence, status, fire.RunId);
                await state.SaveLastFiredAsync(fire.Schedule.Id, fire.Occurrence, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // This host gives the occurrence up; any other host still fires it (same run id).
                LogFireFailed(logger, fire.Schedule.Id, fire.Occurrence, e);
            }
        }
    }

    private async Task<string> StartAsync(ScheduleFire<IResource> fire, CancellationToken cancellationToken)
    {
        var scheduleId = fire.Schedule.Id.ToString("D");
        if (fire.Owner is TaskDefinition task)
        {
            var result = await starter.StartAsync(
                StartableTask.From(task),
                new StartTrigger("schedule", scheduleId, fire.RunId) { RunId = fire.RunId },
                cancellationToken);
            return result.Status.ToString();
        }
        var started = await projectStarter.StartAsync(fire.Owner.Id, "schedule", scheduleId, fire.RunId, cancellationToken);
        return started is null ? nameof(TaskStartStatus.Disabled) : nameof(TaskStartStatus.Started);
    }

    /// <summary>The enabled schedules of enabled tasks and projects; the last fired occurrence is read only for schedules new to this host.</summary>
    private async Task<List<ScheduleSlot<IResource>>> ReadSlotsAsync(CancellationToken cancellationToken)
    {
        var slots = new List<ScheduleSlot<IResource>>();
        await foreach (var stored in tasks.ScheduledAsync(cancellationToken))
        {
            await AddAsync(slots, stored.Value, stored.Value.Schedules, cancellationToken);
        }
        await foreach (var stored in projects.AllAsync(cancellationToken: cancellationToken))
        {
            if (stored.Value.Enabled)
            {
                await AddAsync(slots, stored.Value, stored.Value.Schedules, cancellationToken);
            }
        }
        return slots;
    }

    private async Task AddAsync(List<ScheduleSlot<IResource>> slots, IResource owner, IReadOnlyList<Schedule> schedules, CancellationToken cancellationToken)
    {
        foreach (var schedule in schedules.Where(s => s.Enabled))
        {
            ScheduleCalendar calendar;
            try
            {
                calendar = ScheduleCalendar.For(schedule);
            }
            catch (ScheduleException e)
            {
                LogBadSchedule(logger, schedule.Id, owner.Id, e.Message);
                continue;
            }
            var lastFired = _book.Knows(schedule.Id) ? null : await state.LastFiredAsync(schedule.Id, cancellationToken);
            slots.Add(new ScheduleSlot<IResource>(owner, schedule, calendar, lastFired));
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Schedule {ScheduleId} fired for {Occurrence:o}: {Status} ({RunId}).")]
    private static partial void LogFired(ILogger logger, Guid scheduleId, DateTimeOffset occurrence, string status, string runId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Schedule {ScheduleId} of {OwnerId} cannot be used: {Problem}")]
    private static partial void LogBadSchedule(ILogger logger, Guid scheduleId, Guid ownerId, string problem);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A schedule tick failed; the next tick tries again.")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Schedule {ScheduleId} could not start its run for {Occurrence:o}.")]
    private static partial void LogFireFailed(ILogger logger, Guid scheduleId, DateTimeOffset occurrence, Exception exception);
}
