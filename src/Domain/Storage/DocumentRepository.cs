using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Courier.Domain.Model;
using Courier.Domain.Validation;

namespace Courier.Domain.Storage;

/// <summary>
/// One table per resource: partition "doc", row key = id, the document as JSON in binary properties
/// of at most 60 000 bytes each (Doc0, Doc1, … — a property holds 64 KiB), plus a few plain columns
/// that lists filter on. Every write is guarded by the entity's ETag.
/// </summary>
public abstract class DocumentRepository<T>
    where T : class, IResource
{
    protected const string Partition = "doc";
    private const int ChunkSize = 60_000;
    private const int MaxChunks = 15;
    private const string PartsColumn = "DocParts";

    /// <summary>Azure allows 15 comparisons in one filter: the partition, the range's two ends and 12 ids.</summary>
    private const int IdsPerQuery = 12;
    private volatile bool _created;

    protected DocumentRepository(TableServiceClient service, string tableName)
    {
        ArgumentNullException.ThrowIfNull(service);
        Table = service.GetTableClient(tableName);
    }

    protected TableClient Table { get; }

    public async Task<Stored<T>> CreateAsync(T document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await EnsureTableAsync(cancellationToken);
        var entity = ToEntity(document);
        try
        {
            var response = await Table.AddEntityAsync(entity, cancellationToken);
            return new Stored<T>(document, response.Headers.ETag?.ToString() ?? "", null);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new ConflictException($"A {typeof(T).Name} with id {document.Id} already exists.", e);
        }
    }

    public async Task<Stored<T>?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(id), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<Stored<T>> GetRequiredAsync(Guid id, CancellationToken cancellationToken = default) =>
        await GetAsync(id, cancellationToken) ?? throw new NotFoundException($"{typeof(T).Name} {id} does not exist.");

    /// <summary>Replaces the document if <paramref name="ifMatch"/> is its current ETag (<c>*</c>: any).</summary>
    public async Task<Stored<T>> ReplaceAsync(T document, string ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(ifMatch);
        await EnsureTableAsync(cancellationToken);
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(document), new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken);
            return new Stored<T>(document, response.Headers.ETag?.ToString() ?? "", null);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ConcurrencyException($"{typeof(T).Name} {document.Id} was changed by someone else; read it again.", e);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new NotFoundException($"{typeof(T).Name} {document.Id} does not exist.", e);
        }
    }

    public async Task DeleteAsync(Guid id, string ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        await EnsureTableAsync(cancellationToken);
        try
        {
            await Table.DeleteEntityAsync(Partition, RowKey(id), new ETag(ifMatch), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ConcurrencyException($"{typeof(T).Name} {id} was changed by someone else; read it again.", e);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new NotFoundException($"{typeof(T).Name} {id} does not exist.", e);
        }
    }

    /// <summary>
    /// A page of documents in id order. <paramref name="filter"/> is an OData filter on the plain
    /// columns; <paramref name="predicate"/> filters further in memory (tags, text).
    /// </summary>
    public async Task<ResultPage<Stored<T>>> ListAsync(
        string? filter, Func<TableEntity, bool>? predicate, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        if (pageSize is < 1 or > 500)
        {
            throw new ValidationException([new ValidationError("pageSize", "must be between 1 and 500")]);
        }

        var full = $"PartitionKey eq '{Partition}'";
        if (continuationToken is not null)
        {
            if (!Guid.TryParseExact(continuationToken, "D", out var after))
            {
                throw new ValidationException([new ValidationError("continuationToken", "is not a token this list returned")]);
            }

            full += $" and RowKey gt '{RowKey(after)}'";
        }

        if (!string.IsNullOrEmpty(filter))
        {
            full += $" and ({filter})";
        }

        var items = new List<Stored<T>>();
        var more = false;
        await EnsureTableAsync(cancellationToken);
        await foreach (var entity in Table.QueryAsync<TableEntity>(full, maxPerPage: Math.Min(1000, pageSize * 2), cancellationToken: cancellationToken))
        {
            if (predicate is not null && !predicate(entity))
            {
                continue;
            }

            if (items.Count == pageSize)
            {
                more = true;
                break;
            }

            items.Add(FromEntity(entity));
        }

        return new ResultPage<Stored<T>>(items, more ? RowKey(items[^1].Value.Id) : null);
    }

    /// <summary>Every document matching the OData filter.</summary>
    public async IAsyncEnumerable<Stored<T>> AllAsync(string? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var full = string.IsNullOrEmpty(filter) ? $"PartitionKey eq '{Partition}'" : $"PartitionKey eq '{Partition}' and ({filter})";
        await foreach (var entity in Table.QueryAsync<TableEntity>(full, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>
    /// The documents with these ids (missing ones left out), with one single-partition query per
    /// <see cref="IdsPerQuery"/> ids instead of one read per id. Each query names its ids and the key range they
    /// span: sorted first, so the range a query scans is the stretch of the partition between neighbouring ids.
    /// </summary>
    public async Task<IReadOnlyList<Stored<T>>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await EnsureTableAsync(cancellationToken);
        var queries = ids.Select(RowKey).Distinct().Order(StringComparer.Ordinal).Chunk(IdsPerQuery).Select(async keys =>
        {
            var named = string.Join(" or ", keys.Select(k => $"RowKey eq '{k}'"));
            var filter = $"PartitionKey eq '{Partition}' and RowKey ge '{keys[0]}' and RowKey le '{keys[^1]}' and ({named})";
            var found = new List<Stored<T>>();
            await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                found.Add(FromEntity(entity));
            }
            return found;
        });
        return [.. (await Task.WhenAll(queries)).SelectMany(f => f)];
    }

    /// <summary>
    /// Some plain columns of the rows with these ids, one point read each (in parallel): what validating one
    /// document needs, at a cost that does not grow with the table.
    /// </summary>
    protected async Task<IReadOnlyList<TableEntity>> RowsAsync(IEnumerable<Guid> ids, IEnumerable<string> select, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var columns = select.ToList();
        var found = await Task.WhenAll(ids.Distinct().Select(async id =>
            await Table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(id), columns, cancellationToken)));
        return [.. found.Where(r => r.HasValue).Select(r => r.Value!)];
    }

    /// <summary>Which of these ids exist.</summary>
    public async Task<IReadOnlySet<Guid>> ExistingAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default) =>
        (await RowsAsync(ids, ["RowKey"], cancellationToken)).Select(r => Guid.Parse(r.RowKey)).ToHashSet();

    /// <summary>Only some plain columns of every row: cheap scans for counts, lookups and in-use checks.</summary>
    protected async IAsyncEnumerable<TableEntity> ColumnsAsync(string? filter, IEnumerable<string> select, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken);
        var full = string.IsNullOrEmpty(filter) ? $"PartitionKey eq '{Partition}'" : $"PartitionKey eq '{Partition}' and ({filter})";
        await foreach (var entity in Table.QueryAsync<TableEntity>(full, select: select, cancellationToken: cancellationToken))
        {
            yield return entity;
        }
    }

    /// <summary>Creates the table on first use; a failure (storage down) is retried by the next call, not remembered.</summary>
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await Table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    /// <summary>Adds the plain columns lists filter on.</summary>
    protected virtual void WriteColumns(TableEntity entity, T document)
    {
    }

    /// <summary>The document as it is written to the table (a subclass may strip and encrypt parts).</summary>
    protected virtual T ToStorable(T document, TableEntity entity) => document;

    /// <summary>The document as read back (a subclass may decrypt parts).</summary>
    protected virtual T FromStorable(T document, TableEntity entity) => document;

    protected static string RowKey(Guid id) => id.ToString("D");

    /// <summary>"|a|b|" in lower case, so a column can be tested with Contains("|a|").</summary>
    protected static string Bar(IEnumerable<string> values) => "|" + string.Concat(values.Select(v => v.ToLowerInvariant() + "|"));

    private TableEntity ToEntity(T document)
    {
        var entity = new TableEntity(Partition, RowKey(document.Id));
        var json = JsonSerializer.SerializeToUtf8Bytes(ToStorable(document, entity), CourierJson.Options);
        var parts = (json.Length + ChunkSize - 1) / ChunkSize;
        if (parts > MaxChunks)
        {
            throw new ValidationException([new ValidationError("", $"the document is larger than {MaxChunks * ChunkSize / 1000} KB")]);
        }

        for (var i = 0; i < parts; i++)
        {
            entity[$"Doc{i}"] = json.AsSpan(i * ChunkSize, Math.Min(ChunkSize, json.Length - (i * ChunkSize))).ToArray();
        }

        entity[PartsColumn] = parts;
        entity["Name"] = document.Name;
        WriteColumns(entity, document);
        return entity;
    }

    private Stored<T> FromEntity(TableEntity entity)
    {
        var parts = entity.GetInt32(PartsColumn) ?? 0;
        var buffer = new MemoryStream();
        for (var i = 0; i < parts; i++)
        {
            buffer.Write(entity.GetBinary($"Doc{i}"));
        }

        var document = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), CourierJson.Stored)
            ?? throw new InvalidDataException($"{typeof(T).Name} row {entity.RowKey} holds no document.");
        return new Stored<T>(FromStorable(document, entity), entity.ETag.ToString(), entity.Timestamp);
    }
}
