namespace Courier.Domain.Model;

/// <summary>How a run resolves a parameter name: the task's value wins over the project's.</summary>
public static class ParameterLookup
{
    public static bool TryGet(
        IReadOnlyDictionary<string, string>? taskParameters,
        IReadOnlyDictionary<string, string>? projectParameters,
        string name,
        out string value)
    {
        if (taskParameters is not null && taskParameters.TryGetValue(name, out var taskValue))
        {
            value = taskValue;
            return true;
        }
        if (projectParameters is not null && projectParameters.TryGetValue(name, out var projectValue))
        {
            value = projectValue;
            return true;
        }
        value = "";
        return false;
    }
}
