using Courier.Domain.Storage;
using Courier.Durable;
using Courier.Durable.Client;
using Courier.Functions.Orchestrations;

namespace Courier.Functions.Runs;

/// <summary>Starts a <see cref="RunProjectOrchestrator"/> for an enabled project; a fixed run id (a schedule occurrence) starts once.</summary>
public sealed class ProjectRunStarter(ProjectRepository projects, DurableTaskClient client)
{
    /// <summary>The project run's id, or null when the project is disabled.</summary>
    public async Task<string?> StartAsync(Guid projectId, string triggerKind, string triggeredBy, string? runId, CancellationToken cancellationToken)
    {
        var project = (await projects.GetRequiredAsync(projectId, cancellationToken)).Value;
        if (!project.Enabled)
        {
            return null;
        }
        var id = runId ?? $"project-{Guid.NewGuid():N}";
        await client.TryScheduleNewOrchestrationInstanceAsync(
            nameof(RunProjectOrchestrator),
            new RunProjectInput(id, projectId, triggerKind, triggeredBy),
            new StartOrchestrationOptions { InstanceId = id },
            cancellationToken);
        return id;
    }
}
