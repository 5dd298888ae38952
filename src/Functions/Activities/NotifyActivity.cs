using Courier.Domain.Notifications;
using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Runs;

namespace Courier.Functions.Activities;

/// <summary>Sends the finished run's notifications with its log attached; never fails the run (problems go to the run log).</summary>
public sealed class NotifyActivity(IRunNotifications notifications, RunLogStore logs) : TaskActivity<RunStepInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RunStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var summary = input.Summary ?? throw new ArgumentException("Notify needs the run summary.", nameof(input));
        await using var log = logs.Open(input.Run, "notify");
        var result = await notifications.NotifyAsync(
            input.Snapshot.Task,
            summary,
            async ct => await logs.OpenReadAsync(input.Run.TaskId, input.Run.RunId, ct) ?? Stream.Null,
            log,
            context.CancellationToken);
        return result.Errors.Count == 0;
    }
}
