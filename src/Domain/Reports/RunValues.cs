using Courier.Domain.Model;
using Courier.Domain.Sources;

namespace Courier.Domain.Reports;

/// <summary>What a run of a task computes from the task and its project: its time zone and parameter sets.</summary>
internal static class RunValues
{
    /// <summary>
    /// The zone of the task's first schedule, else the project's, else UTC: a task's dates are those
    /// of the place its schedule runs for, also when it is started by hand.
    /// </summary>
    public static TimeZoneInfo TimeZone(TaskDefinition task, Project project)
    {
        var id = task.Schedules.Concat(project.Schedules).Select(s => s.TimeZone).FirstOrDefault(z => !string.IsNullOrWhiteSpace(z)) ?? "UTC";
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new SourceException($"The schedule's time zone '{id}' is unknown.", e);
        }
    }

    /// <summary>Named values, the last of a name winning, names compared without case as queries do.</summary>
    public static Dictionary<string, string> ByName(IEnumerable<Parameter> parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            values[parameter.Name] = parameter.Value;
        }
        return values;
    }

    /// <summary>The parameters of the project filters the task applies, in the task's order.</summary>
    public static Dictionary<string, string> FilterParameters(TaskDefinition task, Project project)
    {
        var parameters = new List<Parameter>();
        foreach (var name in task.Filters)
        {
            var filter = project.Filters.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new SourceException($"The task applies filter '{name}', which project '{project.Name}' does not have.");
            parameters.AddRange(filter.Parameters);
        }
        return ByName(parameters);
    }

    public static SourceContext Context(TaskDefinition task, Project project, TimeProvider clock, Microsoft.Extensions.Logging.ILogger log) =>
        new(clock, TimeZone(task, project), log, ByName(task.Parameters), ByName(project.Parameters));
}
