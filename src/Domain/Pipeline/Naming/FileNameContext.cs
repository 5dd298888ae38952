using Courier.Domain.Model;

namespace Courier.Domain.Pipeline.Naming;

/// <summary>What a file-name template is rendered with: the run's clock, time zone, names and parameters.</summary>
/// <param name="Now">The instant of the run (from a <see cref="TimeProvider"/>).</param>
/// <param name="TimeZone">The task's time zone: dates are the calendar dates there.</param>
/// <param name="TaskParameters">Looked up first by <c>{param:name}</c>.</param>
/// <param name="ProjectParameters">Looked up when the task has no parameter of that name.</param>
public sealed record FileNameContext(
    DateTimeOffset Now,
    TimeZoneInfo TimeZone,
    string Project,
    string Task,
    string RunId,
    IReadOnlyDictionary<string, string>? TaskParameters = null,
    IReadOnlyDictionary<string, string>? ProjectParameters = null)
{
    /// <summary>A context for now on <paramref name="clock"/> in the IANA (or Windows) zone <paramref name="timeZoneId"/>.</summary>
    public static FileNameContext Create(
        TimeProvider clock,
        string timeZoneId,
        string project,
        string task,
        string runId,
        IReadOnlyDictionary<string, string>? taskParameters = null,
        IReadOnlyDictionary<string, string>? projectParameters = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), project, task, runId, taskParameters, projectParameters);
    }

    /// <summary>
    /// The project's folder in the blob path (default: <see cref="Project"/>). A run stores under ids,
    /// which never change and are always safe path segments, while <c>{project}</c> renders the name.
    /// </summary>
    public string ProjectFolder { get => field ?? Project; init; }

    /// <summary>The task's folder in the blob path (default: <see cref="Task"/>).</summary>
    public string TaskFolder { get => field ?? Task; init; }

    /// <summary>The wall-clock date and time in the task's time zone.</summary>
    public DateTime LocalNow => TimeZoneInfo.ConvertTime(Now, TimeZone).DateTime;

    public bool TryGetParameter(string name, out string value) =>
        ParameterLookup.TryGet(TaskParameters, ProjectParameters, name, out value);
}
