using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Courier.Durable.Storage;

/// <summary>
/// The Instances table: one row per instance, the queryable summary of each instance. History is the
/// truth; this row follows it after every commit. PK = the instance's control-queue partition
/// ("p00".."p15"), RK = escaped instance id: the starts that share a control queue also share a table
/// partition, so one transaction can add all their rows. Only this class computes the keys.
/// </summary>
internal sealed class InstanceStore(TableClient table, PayloadStore payloads, Func<string, int> partitionOf)
{
    /// <summary>The most operations one table transaction may hold.</summary>
    public const int MaxTransactionRows = 100;

    public static string PartitionKeyOf(int partition) => string.Create(CultureInfo.InvariantCulture, $"p{partition:00}");

    public string PartitionKeyOf(string instanceId) => PartitionKeyOf(partitionOf(instanceId));

    /// <summary>A new row for the instance, with its keys and id set.</summary>
    public TableEntity NewRow(string instanceId) =>
        new(PartitionKeyOf(instanceId), KeyEncoding.Escape(instanceId)) { ["InstanceId"] = instanceId };

    public async Task<TableEntity?> GetRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKeyOf(instanceId), KeyEncoding.Escape(instanceId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Adds the row and returns its ETag; null when it already exists.</summary>
    public async Task<ETag?> TryAddAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.AddEntityAsync(row, cancellationToken);
            return response.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>
    /// Adds rows of one partition all or none, in one request (a transaction; one row alone is a plain
    /// insert). Returns null when all were added, else the index of a row that already exists.
    /// </summary>
    public async Task<int?> TryAddAllAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 1)
        {
            return await TryAddAsync(rows[0], cancellationToken) is null ? 0 : null;
        }
        try
        {
            await table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
            return null;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return e.FailedTransactionActionIndex
                ?? throw new InvalidOperationException("A start transaction conflicted without naming the existing row.", e);
        }
    }

    /// <summary>
    /// Splits rows of one partition into transactions: at most 100 operations, and well under the 4 MB
    /// body limit (counted in characters, as large values already live in blobs).
    /// </summary>
    public static List<List<int>> TransactionGroups(IReadOnlyList<TableEntity> rows)
    {
        const int MaxChars = 1_500_000;
        var groups = new List<List<int>>();
        var chars = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var size = rows[i].Sum(p => p.Value is string s ? s.Length : 16);
            if (groups.Count == 0 || groups[^1].Count >= MaxTransactionRows || chars + size > MaxChars)
            {
                groups.Add([]);
                chars = 0;
            }
            groups[^1].Add(i);
            chars += size;
        }
        return groups;
    }

    /// <summary>Merges values with If-Match; null when the row changed (or vanished) meanwhile.</summary>
    public async Task<ETag?> TryMergeAsync(TableEntity values, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(values, etag, TableUpdateMode.Merge, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<ETag?> TryReplaceAsync(TableEntity row, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string instanceId, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(PartitionKeyOf(instanceId), KeyEncoding.Escape(instanceId), ETag.All, cancellationToken);

    public async Task<OrchestrationQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        var filter = FilterFor(query);
        var pages = table.QueryAsync<TableEntity>(filter, maxPerPage: query.PageSize, cancellationToken: cancellationToken)
            .AsPages(query.ContinuationToken, query.PageSize);
        await foreach (var page in pages)
        {
            var items = new List<OrchestrationMetadata>();
            foreach (var row in page.Values)
            {
                items.Add(await ToMetadataAsync(row, query.FetchInputsAndOutputs, cancellationToken));
            }
            return new OrchestrationQueryResult(items, page.ContinuationToken);
        }
        return new OrchestrationQueryResult([], null);
    }

    public async Task<OrchestrationMetadata> ToMetadataAsync(TableEntity row, bool fetchPayloads, CancellationToken cancellationToken)
    {
        var failure = row.GetString("Failure");
        return new OrchestrationMetadata
        {
            InstanceId = row.GetString("InstanceId") ?? row.RowKey,
            Name = row.GetString("Name") ?? "",
            RuntimeStatus = StatusOf(row),
            CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
            LastUpdatedAt = row.GetDateTimeOffset("LastUpdatedAt") ?? default,
            CompletedAt = row.GetDateTimeOffset("CompletedAt"),
            ScheduledStartAt = row.GetDateTimeOffset("ScheduledStartAt"),
            ExecutionId = row.GetString("ExecutionId"),
            SerializedCustomStatus = await payloads.FromTableAsync(row.GetString("CustomStatus"), row.GetString("CustomStatusBlob"), cancellationToken),
            SerializedInput = fetchPayloads ? await payloads.FromTableAsync(row.GetString("Input"), row.GetString("InputBlob"), cancellationToken) : null,
            SerializedOutput = fetchPayloads ? await payloads.FromTableAsync(row.GetString("Output"), row.GetString("OutputBlob"), cancellationToken) : null,
            FailureDetails = failure is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(failure, DurableJson.Options),
        };
    }

    public static OrchestrationRuntimeStatus StatusOf(TableEntity row) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(row.GetString("Status"), out var status) ? status : OrchestrationRuntimeStatus.Pending;

    /// <summary>Stores a payload property inline or as a blob reference (<c>{name}Blob</c>).</summary>
    public async Task SetPayloadAsync(TableEntity row, string instanceId, string name, string? value, CancellationToken cancellationToken)
    {
        var (inline, blob) = await payloads.ForTableAsync(instanceId, value, cancellationToken);
        row[name] = inline;
        row[name + "Blob"] = blob;
    }

    private static string? FilterFor(OrchestrationQuery query)
    {
        var clauses = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            clauses.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }
        if (query.Name is { } name)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }
        if (query.CreatedFrom is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }
        if (query.CreatedTo is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"CreatedAt lt {to}"));
        }
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            // Ids hash over the partitions, so the prefix is a RowKey range in each of them.
            var prefix = KeyEncoding.Escape(query.InstanceIdPrefix);
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            clauses.Add(TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {upper}"));
        }
        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }
}
