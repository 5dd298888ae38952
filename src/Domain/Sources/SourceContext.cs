using Courier.Domain.Model;
using Microsoft.Extensions.Logging;

namespace Courier.Domain.Sources;

/// <summary>
/// What every source runs with: the run's clock and time zone (date parameters are calendar dates
/// there), the task's and project's parameters (task wins on a name clash) and the run log.
/// </summary>
public sealed record SourceContext(
    TimeProvider Clock,
    TimeZoneInfo TimeZone,
    ILogger Log,
    IReadOnlyDictionary<string, string>? TaskParameters = null,
    IReadOnlyDictionary<string, string>? ProjectParameters = null)
{
    /// <summary>The wall-clock date and time in the task's time zone.</summary>
    public DateTime LocalNow => TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), TimeZone).DateTime;

    public bool TryGetParameter(string name, out string value) =>
        ParameterLookup.TryGet(TaskParameters, ProjectParameters, name, out value);
}
