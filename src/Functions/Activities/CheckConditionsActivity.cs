using Courier.Domain.Reports;
using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Runs;

namespace Courier.Functions.Activities;

/// <summary>Checks the task's own conditions; returns why the run is skipped, or null to go on.</summary>
public sealed class CheckConditionsActivity(ITaskConditions conditions, RunLogStore logs) : TaskActivity<RunStepInput, string?>
{
    public override async Task<string?> RunAsync(TaskActivityContext context, RunStepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await using var log = logs.Open(input.Run, "conditions");
        return await conditions.CheckAsync(input.Snapshot.Task, input.Snapshot.Project, log, context.CancellationToken);
    }
}
