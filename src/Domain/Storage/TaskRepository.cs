using Azure.Data.Tables;
using Courier.Domain.Model;

namespace Courier.Domain.Storage;

/// <summary>Tasks, in table <c>{prefix}tasks</c>, with the columns the task list and the in-use check filter on.</summary>
public sealed class TaskRepository(CatalogTables tables)
    : DocumentRepository<TaskDefinition>(tables?.Service!, tables!.Name("tasks"))
{
    private static readonly string[] ListColumns = ["RowKey", "Name", "ProjectId", "Owner", "Enabled", "Rank", "Tags", "Props", "Connections"];

    public Task<ResultPage<Stored<TaskDefinition>>> ListAsync(TaskQuery query, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ListAsync(ServerFilter(query), row => Matches(row, query), pageSize, continuationToken, cancellationToken);
    }

    public async Task<TaskCounts> CountsAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        var projects = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        await foreach (var row in ColumnsAsync(ServerFilter(query), ListColumns, cancellationToken))
        {
            if (!Matches(row, query))
            {
                continue;
            }

            total++;
            var owner = row.GetString("Owner") ?? "";
            owners[owner] = owners.GetValueOrDefault(owner) + 1;
            var project = row.GetString("ProjectId") ?? "";
            projects[project] = projects.GetValueOrDefault(project) + 1;
        }

        static List<NameCount> Cloud(Dictionary<string, int> counts) =>
            [.. counts.Select(p => new NameCount(p.Key, p.Value)).OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)];
        return new TaskCounts(total, Cloud(owners), Cloud(projects));
    }

    /// <summary>The tasks that reference a connection anywhere.</summary>
    public async Task<IReadOnlyList<TaskReference>> UsingConnectionAsync(Guid connectionId, CancellationToken cancellationToken = default)
    {
        var needle = $"|{connectionId:D}|";
        var result = new List<TaskReference>();
        await foreach (var row in ColumnsAsync(null, ListColumns, cancellationToken))
        {
            if ((row.GetString("Connections") ?? "").Contains(needle, StringComparison.Ordinal))
            {
                result.Add(Reference(row));
            }
        }

        return result;
    }

    /// <summary>The tasks of a project, in series order (rank, unranked last, then name).</summary>
    public async Task<IReadOnlyList<Stored<TaskDefinition>>> InProjectAsync(Guid projectId, CancellationToken cancellationToken = default)
    {
        var tasks = new List<Stored<TaskDefinition>>();
        await foreach (var task in AllAsync(TableClient.CreateQueryFilter($"ProjectId eq {projectId.ToString("D")}"), cancellationToken))
        {
            tasks.Add(task);
        }

        return [.. tasks.OrderBy(t => t.Value.Rank ?? int.MaxValue).ThenBy(t => t.Value.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Ranks held by the project's tasks other than <paramref name="exceptTaskId"/>.</summary>
    public async Task<IReadOnlySet<int>> RanksAsync(Guid projectId, Guid exceptTaskId, CancellationToken cancellationToken = default)
    {
        var ranks = new HashSet<int>();
        await foreach (var row in ColumnsAsync(TableClient.CreateQueryFilter($"ProjectId eq {projectId.ToString("D")}"), ListColumns, cancellationToken))
        {
            if (row.RowKey != RowKey(exceptTaskId) && row.GetInt32("Rank") is { } rank)
            {
                ranks.Add(rank);
            }
        }

        return ranks;
    }

    /// <summary>
    /// The tasks with a trigger on <paramref name="upstreamTaskId"/> finishing. A finishing run asks this, so
    /// it is one filtered query that answers only those tasks, never a read of the whole catalog.
    /// </summary>
    public IAsyncEnumerable<Stored<TaskDefinition>> DependentsOfAsync(Guid upstreamTaskId, CancellationToken cancellationToken = default) =>
        AllAsync($"{AfterColumn(upstreamTaskId)} eq true", cancellationToken);

    /// <summary>
    /// The enabled tasks with an enabled schedule. Every host's schedule ticker re-reads these every few seconds, so
    /// it is a filtered query: a catalog of thousands of unscheduled tasks costs the ticker nothing.
    /// </summary>
    public IAsyncEnumerable<Stored<TaskDefinition>> ScheduledAsync(CancellationToken cancellationToken = default) =>
        AllAsync($"{ScheduledColumn} eq true", cancellationToken);

    /// <summary>The tasks with an enabled blob-arrival trigger; polled as often as <see cref="ScheduledAsync"/>, for the same reason.</summary>
    public IAsyncEnumerable<Stored<TaskDefinition>> WatchingBlobsAsync(CancellationToken cancellationToken = default) =>
        AllAsync($"{WatchingBlobsColumn} eq true", cancellationToken);

    private const string ScheduledColumn = "Scheduled";
    private const string WatchingBlobsColumn = "WatchesBlobs";

    /// <summary>One column per upstream task, named after it: table filters can test a column, not search a list.</summary>
    private static string AfterColumn(Guid upstreamTaskId) => $"After_{upstreamTaskId:N}";

    protected override void WriteColumns(TableEntity entity, TaskDefinition document)
    {
        foreach (var upstream in document.Triggers.Where(t => t is { Enabled: true, Kind: TriggerKind.TaskCompleted }).Select(t => t.UpstreamTaskId))
        {
            if (upstream is { } id)
            {
                entity[AfterColumn(id)] = true;
            }
        }
        entity[ScheduledColumn] = document.Enabled && document.Schedules.Any(s => s.Enabled);
        entity[WatchingBlobsColumn] = document.Triggers.Any(t => t is { Enabled: true, Kind: TriggerKind.BlobCreated, ConnectionId: not null });
        entity["ProjectId"] = document.ProjectId.ToString("D");
        entity["Owner"] = document.Owner;
        entity["Enabled"] = document.Enabled;
        entity["Rank"] = document.Rank;
        entity["Tags"] = Bar(document.Tags);
        entity["Props"] = Bar(document.CustomProperties.Select(p => $"{p.Name}={p.Value}"));
        entity["Connections"] = Bar(document.ConnectionIds().Select(id => id.ToString("D")));
    }

    private static TaskReference Reference(TableEntity row) =>
        new(Guid.Parse(row.RowKey), row.GetString("Name") ?? "", Guid.TryParse(row.GetString("ProjectId"), out var p) ? p : Guid.Empty, row.GetBoolean("Enabled") ?? false);

    private static string? ServerFilter(TaskQuery query)
    {
        var parts = new List<string>();
        if (query.Owner is { } owner)
        {
            parts.Add(TableClient.CreateQueryFilter($"Owner eq {owner}"));
        }

        if (query.ProjectId is { } project)
        {
            parts.Add(TableClient.CreateQueryFilter($"ProjectId eq {project.ToString("D")}"));
        }

        if (query.Enabled is { } enabled)
        {
            parts.Add(TableClient.CreateQueryFilter($"Enabled eq {enabled}"));
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static bool Matches(TableEntity row, TaskQuery query) =>
        (query.Tag is not { } tag || (row.GetString("Tags") ?? "").Contains($"|{tag.ToLowerInvariant()}|", StringComparison.Ordinal))
        && (query.CustomProperty is not { } property
            || (row.GetString("Props") ?? "").Contains($"|{property.Name.ToLowerInvariant()}={property.Value.ToLowerInvariant()}|", StringComparison.Ordinal))
        && (query.NameContains is not { } text || (row.GetString("Name") ?? "").Contains(text, StringComparison.OrdinalIgnoreCase));
}
