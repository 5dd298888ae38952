using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Courier.Durable.Storage;

/// <summary>
/// The Instances table: one row per instance (PK = escaped instance id, RK = ""), the queryable
/// summary of each instance. History is the truth; this row follows it after every commit.
/// </summary>
internal sealed class InstanceStore(TableClient table, PayloadStore payloads)
{
    public static string KeyOf(string instanceId) => KeyEncoding.Escape(instanceId);

    public async Task<TableEntity?> GetRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(KeyOf(instanceId), "", cancellationToken: cancellationToken);
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
        await table.DeleteEntityAsync(KeyOf(instanceId), "", ETag.All, cancellationToken);

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
            InstanceId = row.GetString("InstanceId") ?? row.PartitionKey,
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
            var prefix = KeyOf(query.InstanceIdPrefix);
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"));
        }
        return clauses.Count == 0 ? null : string.Join(" and ", clauses);
    }
}
