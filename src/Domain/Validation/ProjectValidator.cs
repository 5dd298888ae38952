using Courier.Domain.Model;

namespace Courier.Domain.Validation;

/// <summary>Rules for a project on its own.</summary>
public static class ProjectValidator
{
    public static IReadOnlyList<ValidationError> Validate(Project project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var errors = new FieldErrors();
        CommonRules.Id(errors, "id", project.Id);
        CommonRules.Name(errors, "name", project.Name);
        CommonRules.Name(errors, "owner", project.Owner);
        CommonRules.Text(errors, "description", project.Description);
        CommonRules.Tags(errors, project.Tags);
        CommonRules.CustomProperties(errors, project.CustomProperties);
        CommonRules.Parameters(errors, "parameters", project.Parameters);
        ScheduleRules.Validate(errors, project.Schedules);
        if (project.RunMode == RunMode.Series && project.RankConflictRule is null)
        {
            errors.Add("rankConflictRule", "is required when runMode is series (byName, together or reject)");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < project.Filters.Count; i++)
        {
            var filter = project.Filters[i];
            var item = errors.Item("filters", i);
            CommonRules.Name(item, "name", filter.Name);
            if (filter.Name is { } name && !names.Add(name))
            {
                item.Add("name", "is used by another filter of the project");
            }

            CommonRules.Text(item, "description", filter.Description);
            if (filter.Parameters.Count == 0)
            {
                item.Add("parameters", "must hold at least one parameter");
            }

            CommonRules.Parameters(item, "parameters", filter.Parameters);
        }

        return errors.Errors;
    }
}
