using Courier.Domain.Model;
using Courier.Domain.Storage;
using Courier.Durable;
using Courier.Functions.Runs;

namespace Courier.Functions.Activities;

/// <summary>
/// Reads the project's enabled tasks and orders them into stages (see <see cref="ProjectPlan"/>); run
/// ids are chosen here, in an activity, so the orchestration stays deterministic. Null when the project is gone.
/// </summary>
public sealed class PlanProjectRunActivity(ProjectRepository projects, TaskRepository tasks) : TaskActivity<RunProjectInput, ProjectPlan?>
{
    public override async Task<ProjectPlan?> RunAsync(TaskActivityContext context, RunProjectInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (await projects.GetAsync(input.ProjectId, context.CancellationToken) is not { } project)
        {
            return null;
        }
        var enabled = (await tasks.InProjectAsync(input.ProjectId, context.CancellationToken))
            .Select(t => t.Value)
            .Where(t => t.Enabled)
            .OrderBy(t => t.Rank ?? int.MaxValue)
            .ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Select(t => (t.Rank, Run: new PlannedRun(t.Id, t.Name, $"run-{Guid.NewGuid():N}")))
            .ToList();
        IReadOnlyList<IReadOnlyList<PlannedRun>> stages = project.Value.RunMode switch
        {
            RunMode.Parallel => enabled.Count == 0 ? [] : [[.. enabled.Select(e => e.Run)]],
            _ when project.Value.RankConflictRule == RankConflictRule.Together =>
                [.. enabled.GroupBy(e => e.Rank).Select(g => (IReadOnlyList<PlannedRun>)[.. g.Select(e => e.Run)])],
            _ => [.. enabled.Select(e => (IReadOnlyList<PlannedRun>)[e.Run])],
        };
        return new ProjectPlan(project.Value.Name, stages);
    }
}
