using Courier.Domain.Model;
using Courier.Domain.Storage;

namespace Courier.Domain.Starting;

/// <summary>The start API's view of the task catalog in Table Storage.</summary>
public sealed class CatalogTaskDirectory(TaskRepository tasks) : ITaskDirectory
{
    public async Task<IReadOnlyList<StartableTask>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var found = await Task.WhenAll(ids.Select(id => tasks.GetAsync(id, cancellationToken)));
        return [.. found.OfType<Stored<TaskDefinition>>().Select(s => ToStartable(s.Value))];
    }

    public Task<IReadOnlyList<StartableTask>> FindByTagAsync(string tag, CancellationToken cancellationToken) =>
        ListAsync(new TaskQuery { Tag = tag }, cancellationToken);

    public Task<IReadOnlyList<StartableTask>> FindByCustomPropertyAsync(CustomProperty customProperty, CancellationToken cancellationToken) =>
        ListAsync(new TaskQuery { CustomProperty = customProperty }, cancellationToken);

    private async Task<IReadOnlyList<StartableTask>> ListAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        var result = new List<StartableTask>();
        string? continuation = null;
        do
        {
            var page = await tasks.ListAsync(query, 500, continuation, cancellationToken);
            result.AddRange(page.Items.Select(s => ToStartable(s.Value)));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return result;
    }

    private static StartableTask ToStartable(TaskDefinition task) => StartableTask.From(task);
}
