using Azure;
using Azure.Data.Tables;

namespace Courier.Domain.Pipeline.Storage;

/// <summary>RunFile rows in table <c>files</c>: partition = run id, row = the escaped file name (so '#', '?', '%' are safe keys).</summary>
public sealed class RunFileRepository(TableServiceClient tables, string tableName = RunFileRepository.DefaultTable)
{
    public const string DefaultTable = "files";

    private TableClient? _table;

    /// <summary>Saves (or replaces, on a re-run of the same activity) the row of <paramref name="file"/>.</summary>
    public async Task SaveAsync(RunFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var table = await TableAsync(cancellationToken);
        var entity = new TableEntity(file.RunId, Uri.EscapeDataString(file.Name))
        {
            [nameof(RunFile.Name)] = file.Name,
            [nameof(RunFile.Size)] = file.Size,
            [nameof(RunFile.Md5)] = file.Md5,
            [nameof(RunFile.Sha256)] = file.Sha256,
            [nameof(RunFile.BlobPath)] = file.BlobPath,
            [nameof(RunFile.RowCount)] = file.RowCount,
            [nameof(RunFile.IsEmpty)] = file.IsEmpty,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<RunFile>> ListAsync(string runId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var files = new List<RunFile>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == runId, cancellationToken: cancellationToken))
        {
            files.Add(new RunFile(
                entity.PartitionKey,
                entity.GetString(nameof(RunFile.Name)),
                entity.GetInt64(nameof(RunFile.Size)) ?? 0,
                entity.GetString(nameof(RunFile.Md5)),
                entity.GetString(nameof(RunFile.Sha256)),
                entity.GetString(nameof(RunFile.BlobPath)),
                entity.GetInt64(nameof(RunFile.RowCount)) ?? 0,
                entity.GetBoolean(nameof(RunFile.IsEmpty)) ?? false));
        }
        return files;
    }

    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        if (_table is null)
        {
            var table = tables.GetTableClient(tableName);
            try
            {
                await table.CreateIfNotExistsAsync(cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Created by a concurrent writer between the check and the create.
            }
            _table = table;
        }
        return _table;
    }
}
