using Azure.Data.Tables;
using Courier.Domain.Model;
using Courier.Domain.Storage;
using Courier.Domain.Validation;

namespace Courier.Domain.Catalog;

/// <summary>Projects as the API and the UI change them.</summary>
public sealed class ProjectCatalog(ProjectRepository projects, TaskRepository tasks)
{
    public ProjectRepository Repository => projects;

    public async Task<Stored<Project>> CreateAsync(Project project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        project = NewIds.ForProject(project, all: false);
        ValidationException.ThrowIfAny(ProjectValidator.Validate(project));
        return await projects.CreateAsync(project, cancellationToken);
    }

    public Task<Stored<Project>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        projects.GetRequiredAsync(id, cancellationToken);

    public Task<ResultPage<Stored<Project>>> ListAsync(string? owner, string? nameContains, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        projects.ListAsync(
            owner is null ? null : TableClient.CreateQueryFilter($"Owner eq {owner}"),
            nameContains is null ? null : row => (row.GetString("Name") ?? "").Contains(nameContains, StringComparison.OrdinalIgnoreCase),
            pageSize,
            continuationToken,
            cancellationToken);

    public async Task<Stored<Project>> UpdateAsync(Project project, string ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        project = NewIds.ForProject(project, all: false);
        ValidationException.ThrowIfAny(ProjectValidator.Validate(project));
        return await projects.ReplaceAsync(project, ifMatch, cancellationToken);
    }

    /// <summary>Deletes a project; one that still has tasks is refused unless <paramref name="force"/>, which deletes them too.</summary>
    public async Task DeleteAsync(Guid id, string ifMatch, bool force, CancellationToken cancellationToken = default)
    {
        var children = await tasks.InProjectAsync(id, cancellationToken);
        if (children.Count > 0 && !force)
        {
            throw new ResourceInUseException([.. children.Select(t => new TaskReference(t.Value.Id, t.Value.Name, id, t.Value.Enabled))]);
        }

        var project = await projects.GetRequiredAsync(id, cancellationToken);
        if (ifMatch != "*" && ifMatch != project.ETag)
        {
            throw new ConcurrencyException($"Project {id} was changed by someone else; read it again.");
        }

        foreach (var task in children)
        {
            await tasks.DeleteAsync(task.Value.Id, "*", cancellationToken);
        }

        await projects.DeleteAsync(id, ifMatch, cancellationToken);
    }

    /// <summary>A copy of the project and all its tasks, with new ids; the copied tasks are disabled.</summary>
    public async Task<Stored<Project>> DuplicateAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var source = await projects.GetRequiredAsync(id, cancellationToken);
        var copy = NewIds.ForProject(source.Value, all: true) with { Name = NewIds.CopyName(source.Value.Name) };
        var stored = await projects.CreateAsync(copy, cancellationToken);
        foreach (var task in await tasks.InProjectAsync(id, cancellationToken))
        {
            await tasks.CreateAsync(NewIds.ForTask(task.Value, all: true) with { ProjectId = copy.Id, Enabled = false }, cancellationToken);
        }

        return stored;
    }
}
