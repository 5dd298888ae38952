using Courier.Domain.Model;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Reports;

/// <summary>The task's own conditions, each a scalar query with the task's filters and parameters bound, checked in order.</summary>
public sealed partial class TaskConditions(ConditionEvaluator evaluator, TimeProvider clock) : ITaskConditions
{
    public async Task<string?> CheckAsync(TaskDefinition task, Project project, ILogger runLog, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(project);
        if (task.Conditions.Count == 0)
        {
            return null;
        }
        var context = RunValues.Context(task, project, clock, runLog);
        var filters = RunValues.FilterParameters(task, project);
        foreach (var condition in task.Conditions)
        {
            if (await evaluator.CheckQueryAsync(condition, context, filters, cancellationToken) is { } reason)
            {
                Failed(runLog, reason);
                return reason;
            }
            Held(runLog, condition.Name);
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task condition '{Name}' holds")]
    private static partial void Held(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Reason} The run is skipped.")]
    private static partial void Failed(ILogger logger, string reason);
}
