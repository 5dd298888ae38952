using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Courier.Domain.Catalog;
using Courier.Domain.Model;
using Courier.Domain.Storage;
using Courier.Domain.Validation;

namespace Courier.Domain.Exchange;

/// <summary>
/// Export of a project with its tasks (JSON or YAML, no secrets) and import back: create or
/// update by id, everything validated before anything is written, dry run reports the plan.
/// </summary>
public sealed class ProjectExchange(ProjectRepository projects, TaskRepository tasks, TaskCatalog taskCatalog)
{
    public async Task<ProjectExport> ExportAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        var project = await projects.GetRequiredAsync(projectId, cancellationToken);
        var children = await tasks.InProjectAsync(projectId, cancellationToken);
        return new ProjectExport { Project = project.Value, Tasks = [.. children.Select(t => t.Value).InExportOrder()] };
    }

    public static string Write(ProjectExport export, ExchangeFormat format)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (format == ExchangeFormat.Json)
        {
            return JsonSerializer.Serialize(export, CourierJson.Indented);
        }

        var writer = new StringWriter();
        YamlJson.Write(JsonSerializer.SerializeToNode(export, CourierJson.Options), writer);
        return writer.ToString();
    }

    public static ProjectExport Read(string content, ExchangeFormat format)
    {
        ArgumentNullException.ThrowIfNull(content);
        var export = format == ExchangeFormat.Json
            ? StrictJson.Deserialize<ProjectExport>(Encoding.UTF8.GetBytes(content))
            : StrictJson.Deserialize<ProjectExport>(YamlJson.Read(new StringReader(content)));
        if (export.Format != ProjectExport.CurrentFormat)
        {
            throw new ValidationException([new ValidationError("format", $"must be {ProjectExport.CurrentFormat}")]);
        }

        return export;
    }

    public async Task<ImportReport> ImportAsync(ProjectExport export, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        await ValidateAsync(export, cancellationToken);
        var changes = new List<ImportChange>();
        var project = await projects.GetAsync(export.Project.Id, cancellationToken);
        changes.Add(Compare("project", export.Project, project?.Value));
        var existing = new List<Stored<TaskDefinition>?>();
        foreach (var task in export.Tasks)
        {
            var current = await tasks.GetAsync(task.Id, cancellationToken);
            existing.Add(current);
            changes.Add(Compare("task", task, current?.Value));
        }

        if (!dryRun)
        {
            await WriteAsync(export.Project, project, changes[0].Action, projects, cancellationToken);
            for (var i = 0; i < export.Tasks.Count; i++)
            {
                await WriteAsync(export.Tasks[i], existing[i], changes[i + 1].Action, tasks, cancellationToken);
            }
        }

        return new ImportReport(dryRun, changes);
    }

    private static async Task WriteAsync<T>(T document, Stored<T>? current, ImportAction action, DocumentRepository<T> repository, CancellationToken cancellationToken)
        where T : class, IResource
    {
        switch (action)
        {
            case ImportAction.Create:
                await repository.CreateAsync(document, cancellationToken);
                break;
            case ImportAction.Update:
                await repository.ReplaceAsync(document, current!.ETag, cancellationToken);
                break;
            default:
                break;
        }
    }

    private async Task ValidateAsync(ProjectExport export, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        errors.AddRange(Prefixed("project", ProjectValidator.Validate(export.Project)));
        var context = await taskCatalog.ContextAsync(export.Project.Id, Guid.Empty, export.Project, cancellationToken);
        var ids = new HashSet<Guid>();
        for (var i = 0; i < export.Tasks.Count; i++)
        {
            var task = export.Tasks[i];
            var prefix = $"tasks[{i}]";
            if (!ids.Add(task.Id))
            {
                errors.Add(new ValidationError($"{prefix}.id", "is used by another task of the file"));
            }

            if (task.ProjectId != export.Project.Id)
            {
                errors.Add(new ValidationError($"{prefix}.projectId", "must be the id of the file's project"));
            }

            var ranks = export.Tasks.Where((t, j) => j != i && t.Rank is not null).Select(t => t.Rank!.Value).ToHashSet();
            errors.AddRange(Prefixed(prefix, TaskValidator.Validate(task, context with { RanksOfOtherTasks = ranks })));
        }

        ValidationException.ThrowIfAny(errors);
    }

    private static IEnumerable<ValidationError> Prefixed(string prefix, IEnumerable<ValidationError> errors) =>
        errors.Select(e => e with { Field = e.Field.Length == 0 ? prefix : $"{prefix}.{e.Field}" });

    private static ImportChange Compare<T>(string resource, T incoming, T? current)
        where T : class, IResource
    {
        if (current is null)
        {
            return new ImportChange(resource, incoming.Id, incoming.Name, ImportAction.Create, []);
        }

        var after = JsonSerializer.SerializeToNode(incoming, CourierJson.Options)!.AsObject();
        var before = JsonSerializer.SerializeToNode(current, CourierJson.Options)!.AsObject();
        var changed = after.Select(p => p.Key).Union(before.Select(p => p.Key))
            .Where(key => !JsonNode.DeepEquals(after[key], before[key]))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ImportChange(resource, incoming.Id, incoming.Name, changed.Count == 0 ? ImportAction.Unchanged : ImportAction.Update, changed);
    }
}
