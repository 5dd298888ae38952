using Courier.Domain.Model;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Reports;

/// <summary>Checks a task's own conditions before it runs (Qalyptus: a failing one skips the run).</summary>
public interface ITaskConditions
{
    /// <summary>Null when every condition holds; otherwise why the run is skipped (which condition, what it measured).</summary>
    Task<string?> CheckAsync(TaskDefinition task, Project project, ILogger runLog, CancellationToken cancellationToken);
}
