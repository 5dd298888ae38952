using Courier.Domain.Model;
using Courier.Domain.Storage;

namespace Courier.Domain.Starting;

/// <summary>
/// The start API's view of the task catalog in Table Storage. Lookups by id of concurrent requests share their
/// reads (<see cref="NaturalBatcher{TItem, TResult}"/>): always read fresh, never cached, so a task disabled on
/// any host is seen disabled by the next start.
/// </summary>
public sealed class CatalogTaskDirectory : ITaskDirectory
{
    /// <summary>Requests answered by one shared read; each adds its ids (usually one) to it.</summary>
    private const int MaxRequestsPerRead = 100;

    private readonly TaskRepository _tasks;
    private readonly NaturalBatcher<IReadOnlyCollection<Guid>, IReadOnlyList<StartableTask>> _byIds;

    public CatalogTaskDirectory(TaskRepository tasks)
    {
        _tasks = tasks;
        _byIds = new(ReadAsync, MaxRequestsPerRead);
    }

    public Task<IReadOnlyList<StartableTask>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        _byIds.RunAsync(ids, cancellationToken);

    public Task<IReadOnlyList<StartableTask>> FindByTagAsync(string tag, CancellationToken cancellationToken) =>
        ListAsync(new TaskQuery { Tag = tag }, cancellationToken);

    public Task<IReadOnlyList<StartableTask>> FindByCustomPropertyAsync(CustomProperty customProperty, CancellationToken cancellationToken) =>
        ListAsync(new TaskQuery { CustomProperty = customProperty }, cancellationToken);

    /// <summary>One read for every waiting request (no caller's token: the read is shared).</summary>
    private async Task<IReadOnlyList<IReadOnlyList<StartableTask>>> ReadAsync(IReadOnlyList<IReadOnlyCollection<Guid>> requests)
    {
        var stored = await _tasks.GetManyAsync([.. requests.SelectMany(ids => ids).Distinct()], CancellationToken.None);
        var found = stored.Select(s => StartableTask.From(s.Value)).ToDictionary(t => t.Id);
        return [.. requests.Select(ids => (IReadOnlyList<StartableTask>)[.. ids.Distinct().Where(found.ContainsKey).Select(id => found[id])])];
    }

    private async Task<IReadOnlyList<StartableTask>> ListAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        var result = new List<StartableTask>();
        string? continuation = null;
        do
        {
            var page = await _tasks.ListAsync(query, 500, continuation, cancellationToken);
            result.AddRange(page.Items.Select(s => StartableTask.From(s.Value)));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return result;
    }
}
