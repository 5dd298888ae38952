using Azure;
using Azure.Data.Tables;
using Courier.Domain.Storage;

namespace Courier.Domain.Runs;

/// <summary>
/// Run records in table <c>runs</c>, keyed by <see cref="RunKeys"/>: a task's history is one key range of its
/// shard. Writes are idempotent upserts: activities that record a run may execute more than once.
/// </summary>
public sealed class RunRepository(TableServiceClient tables)
{
    public const string TableName = "runs";

    private readonly TableClient _table = tables.GetTableClient(TableName);
    private bool _created;

    public async Task SaveAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await EnsureTableAsync(cancellationToken);
        await _table.UpsertEntityAsync(ToEntity(run), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Changes the stored record with If-Match, reading it again when another writer got in between, so that a
    /// cancel and a step recording its progress cannot overwrite each other. <paramref name="change"/> returns
    /// null to leave the record as it is. Returns the record as stored afterwards; null when there is none.
    /// </summary>
    public async Task<RunRecord?> UpdateAsync(Guid taskId, string runId, Func<RunRecord, RunRecord?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await EnsureTableAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(RunKeys.Partition(taskId), RunKeys.Record(taskId, runId), cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return null;
            }
            var current = Read(row.Value!);
            if (change(current) is not { } changed)
            {
                return current;
            }
            try
            {
                await _table.UpdateEntityAsync(ToEntity(changed), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412 && attempt < 10)
            {
                // Written meanwhile: decide again on what is there now.
            }
        }
    }

    internal static TableEntity ToEntity(RunRecord run) =>
        new(RunKeys.Partition(run.TaskId), RunKeys.Record(run.TaskId, run.RunId))
        {
            ["TaskId"] = run.TaskId.ToString("D"),
            ["RunId"] = run.RunId,
            ["TaskName"] = run.TaskName,
            ["ProjectId"] = run.ProjectId.ToString("D"),
            ["TriggerKind"] = run.TriggerKind,
            ["TriggeredBy"] = run.TriggeredBy,
            ["RerunOf"] = run.RerunOf,
            ["Attempt"] = run.Attempt,
            ["Status"] = run.Status.ToString(),
            ["Reason"] = run.Reason,
            ["CreatedAt"] = run.CreatedAt,
            ["StartedAt"] = run.StartedAt,
            ["CompletedAt"] = run.CompletedAt,
            ["NextAttemptAt"] = run.NextAttemptAt,
        };

    public async Task<RunRecord?> GetAsync(Guid taskId, string runId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(RunKeys.Partition(taskId), RunKeys.Record(taskId, runId), cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    public async Task<IReadOnlyList<RunRecord>> ForTaskAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var runs = new List<RunRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TaskRange(taskId), cancellationToken: cancellationToken))
        {
            runs.Add(Read(row));
        }
        return [.. runs.OrderByDescending(r => r.CreatedAt)];
    }

    /// <summary>A page of runs matching <paramref name="filter"/>, in storage order (shard, task, then run id).</summary>
    public async Task<ResultPage<RunRecord>> ListAsync(RunFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await EnsureTableAsync(cancellationToken);
        var clauses = new List<string>();
        if (filter.TaskId is { } task)
        {
            clauses.Add(TaskRange(task));
        }
        else
        {
            // Claims share the partitions; only the record key range is runs.
            clauses.Add(TableClient.CreateQueryFilter($"RowKey ge {RunKeys.RecordsFrom} and RowKey lt {RunKeys.RecordsTo}"));
        }
        if (filter.ProjectId is { } project)
        {
            clauses.Add(TableClient.CreateQueryFilter($"ProjectId eq {project.ToString("D")}"));
        }
        if (filter.Status is { } status)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        }
        if (filter.From is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }
        if (filter.To is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt lt {to}"));
        }
        var query = _table.QueryAsync<TableEntity>(string.Join(" and ", clauses), pageSize, cancellationToken: cancellationToken);
        await foreach (var page in query.AsPages(continuationToken, pageSize).WithCancellation(cancellationToken))
        {
            return new ResultPage<RunRecord>([.. page.Values.Select(Read)], page.ContinuationToken);
        }
        return new ResultPage<RunRecord>([], null);
    }

    private static string TaskRange(Guid taskId) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {RunKeys.Partition(taskId)} and RowKey ge {RunKeys.TaskRecordsFrom(taskId)} and RowKey lt {RunKeys.TaskRecordsTo(taskId)}");

    private static RunRecord Read(TableEntity row) => new()
    {
        RunId = row.GetString("RunId") ?? "",
        TaskId = Guid.Parse(row.GetString("TaskId") ?? ""),
        TaskName = row.GetString("TaskName") ?? "",
        ProjectId = Guid.TryParse(row.GetString("ProjectId"), out var project) ? project : Guid.Empty,
        TriggerKind = row.GetString("TriggerKind") ?? "",
        TriggeredBy = row.GetString("TriggeredBy") ?? "",
        RerunOf = row.GetString("RerunOf"),
        Attempt = row.GetInt32("Attempt") ?? 1,
        Status = Enum.TryParse<RunStatus>(row.GetString("Status"), out var status) ? status : RunStatus.Queued,
        Reason = row.GetString("Reason") ?? "",
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        StartedAt = row.GetDateTimeOffset("StartedAt"),
        CompletedAt = row.GetDateTimeOffset("CompletedAt"),
        NextAttemptAt = row.GetDateTimeOffset("NextAttemptAt"),
    };

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }
}
