using Courier.Domain.Runs;
using Courier.Durable;
using Courier.Functions.Activities;
using Courier.Functions.Runs;

namespace Courier.Functions.Orchestrations;

/// <summary>
/// One run of a project: its enabled tasks in parallel, or in series by rank then name. Each task runs
/// as a <see cref="RunTaskOrchestrator"/> sub-orchestration (its own run, retries and notifications);
/// in series, a task that finally fails (or is cancelled) stops the series and every later task is recorded
/// as not run, with the reason. A task already running is not started again (recorded as not run, naming the run).
/// </summary>
public sealed class RunProjectOrchestrator : TaskOrchestrator<RunProjectInput, ProjectRunResult>
{
    /// <summary>The failure type the runtime gives a sub-orchestration that was terminated (how a run is cancelled).</summary>
    private const string TerminatedErrorType = "Terminated";

    public override async Task<ProjectRunResult> RunAsync(TaskOrchestrationContext context, RunProjectInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = await context.CallActivityAsync<ProjectPlan?>(nameof(PlanProjectRunActivity), input);
        if (plan is null)
        {
            return new ProjectRunResult([]);
        }
        var outcomes = new List<ProjectTaskOutcome>();
        string? stoppedBy = null;
        foreach (var stage in plan.Stages)
        {
            if (stoppedBy is not null)
            {
                foreach (var run in stage)
                {
                    outcomes.Add(await NotRunAsync(context, input, run, $"Not run: {stoppedBy} earlier in the series of project {plan.ProjectName}."));
                }
                continue;
            }
            context.SetCustomStatus(new { step = "running", done = outcomes.Count, total = plan.Stages.Sum(s => s.Count) });
            var stageOutcomes = await Task.WhenAll(stage.Select(run => RunOneAsync(context, input, run)));
            outcomes.AddRange(stageOutcomes);
            if (plan.Stages.Count > 1 && stageOutcomes.FirstOrDefault(o => o.Status is RunStatus.Failed or RunStatus.Cancelled) is { } stopper)
            {
                var ended = stopper.Status == RunStatus.Failed ? "failed" : "was cancelled";
                stoppedBy = $"task {stopper.TaskName} (run {stopper.RunId}) {ended}";
            }
        }
        context.SetCustomStatus(new { step = "finished", done = outcomes.Count, total = outcomes.Count });
        return new ProjectRunResult(outcomes);
    }

    private static async Task<ProjectTaskOutcome> RunOneAsync(TaskOrchestrationContext context, RunProjectInput project, PlannedRun run)
    {
        if (await context.CallActivityAsync<string?>(nameof(ClaimChildRunActivity), new ChildRun(project, run)) is { } heldBy)
        {
            return await NotRunAsync(context, project, run, $"Not run: the task was already running (run {heldBy}).");
        }
        try
        {
            var result = await context.CallSubOrchestratorAsync<RunResult>(
                nameof(RunTaskOrchestrator),
                new RunTaskInput(run.RunId, run.TaskId, "project", project.RunId),
                new SubOrchestrationOptions(run.RunId));
            return new ProjectTaskOutcome(run.TaskId, run.TaskName, run.RunId, result.Status, result.Reason);
        }
        catch (TaskFailedException e)
        {
            // A task run ends here without a result when it was cancelled (its instance terminated) or crashed;
            // either way the project run goes on to record the rest instead of failing with it.
            var cancelled = e.FailureDetails.ErrorType == TerminatedErrorType;
            return new ProjectTaskOutcome(run.TaskId, run.TaskName, run.RunId, cancelled ? RunStatus.Cancelled : RunStatus.Failed, e.FailureDetails.ErrorMessage);
        }
    }

    private static async Task<ProjectTaskOutcome> NotRunAsync(TaskOrchestrationContext context, RunProjectInput project, PlannedRun run, string reason)
    {
        await context.CallActivityAsync(nameof(RecordNotRunActivity), new ChildRun(project, run, reason));
        return new ProjectTaskOutcome(run.TaskId, run.TaskName, run.RunId, RunStatus.NotRun, reason);
    }
}
