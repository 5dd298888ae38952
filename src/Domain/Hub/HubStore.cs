using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Courier.Domain.Delivery;
using Courier.Domain.Destinations;

namespace Courier.Domain.Hub;

/// <summary>
/// The Courier Hub store: report files in blobs <c>hub/{reportKey}/{version}</c>, versions and their
/// entitlements in table <c>hubversions</c> (PK report key, RK zero-padded version). Publishing is
/// idempotent per delivery key, keeps the last N versions, and only entitled viewers can list or download.
/// </summary>
public sealed class HubStore(TableServiceClient tables, BlobServiceClient blobs, TimeProvider timeProvider)
{
    private const string TableName = "hubversions";
    private const string ContainerName = "hub";
    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ContainerName);
    private readonly Lazy<Task> _created = new(async () =>
    {
        await tables.GetTableClient(TableName).CreateIfNotExistsAsync();
        await blobs.GetBlobContainerClient(ContainerName).CreateIfNotExistsAsync();
    });

    /// <summary>Publishes <paramref name="file"/> as the report's next version, or returns the version an earlier execution published under <paramref name="idempotencyKey"/>.</summary>
    public async Task<(HubVersion Version, bool Published)> PublishAsync(HubPublication publication, DeliveryFile file, string runId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await _created.Value;
        var partition = TableKeys.Escape(publication.ReportKey);
        var rows = await RowsAsync(partition, cancellationToken);
        if (rows.FirstOrDefault(r => r.GetString("IdempotencyKey") == idempotencyKey) is { } earlier)
        {
            return (ToVersion(earlier), false);
        }

        // The row is the claim on a version number: a concurrent publisher that loses the insert retries with the next.
        var next = rows.Count == 0 ? 1 : rows.Max(r => long.Parse(r.RowKey, System.Globalization.CultureInfo.InvariantCulture)) + 1;
        TableEntity row;
        while (true)
        {
            row = new TableEntity(partition, next.ToString("D12", System.Globalization.CultureInfo.InvariantCulture))
            {
                ["ReportKey"] = publication.ReportKey,
                ["ReportName"] = publication.ReportName,
                ["Folder"] = publication.Folder,
                ["FileName"] = file.Name,
                ["Size"] = file.Length,
                ["Sha256"] = file.Sha256,
                ["PublishedAt"] = timeProvider.GetUtcNow(),
                ["RunId"] = runId,
                ["Users"] = string.Join(';', publication.Users),
                ["Groups"] = string.Join(';', publication.Groups),
                ["IdempotencyKey"] = idempotencyKey,
                ["Complete"] = false,
            };
            try
            {
                await _table.AddEntityAsync(row, cancellationToken);
                break;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                next++;
            }
        }

        await using (var content = await file.OpenReadAsync(cancellationToken))
        {
            await _container.GetBlobClient(BlobName(publication.ReportKey, next)).UploadAsync(content, overwrite: true, cancellationToken);
        }
        row["Complete"] = true;
        await _table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace, cancellationToken);
        await ApplyRetentionAsync(partition, publication.KeepVersions, cancellationToken);
        return (ToVersion(row), true);
    }

    /// <summary>Reports with at least one version the viewer may see, newest visible version first.</summary>
    public async Task<IReadOnlyList<HubReport>> ListMyReportsAsync(HubViewer viewer, CancellationToken cancellationToken)
    {
        await _created.Value;
        var visible = new List<HubVersion>();
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            var version = ToVersion(row);
            if (row.GetBoolean("Complete") == true && version.IsVisibleTo(viewer))
            {
                visible.Add(version);
            }
        }
        return visible
            .GroupBy(v => v.ReportKey, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(v => v.Version).ToList())
            .Select(versions => new HubReport(versions[0].ReportKey, versions[0].ReportName, versions[0], versions.Count))
            .OrderBy(r => r.ReportName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<IReadOnlyList<HubVersion>> ListVersionsAsync(string reportKey, HubViewer viewer, CancellationToken cancellationToken)
    {
        await _created.Value;
        return (await RowsAsync(TableKeys.Escape(reportKey), cancellationToken))
            .Where(r => r.GetBoolean("Complete") == true)
            .Select(ToVersion)
            .Where(v => v.IsVisibleTo(viewer))
            .OrderByDescending(v => v.Version)
            .ToList();
    }

    /// <summary>The version's content, or null when it does not exist or the viewer is not entitled (the two are not told apart).</summary>
    public async Task<(HubVersion Version, Stream Content)?> OpenDownloadAsync(string reportKey, long version, HubViewer viewer, CancellationToken cancellationToken)
    {
        await _created.Value;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(reportKey),
            version.ToString("D12", System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetBoolean("Complete") != true)
        {
            return null;
        }
        var hubVersion = ToVersion(row.Value);
        if (!hubVersion.IsVisibleTo(viewer))
        {
            return null;
        }
        return (hubVersion, await _container.GetBlobClient(BlobName(reportKey, version)).OpenReadAsync(cancellationToken: cancellationToken));
    }

    private async Task ApplyRetentionAsync(string partition, int keep, CancellationToken cancellationToken)
    {
        if (keep <= 0)
        {
            return;
        }
        var complete = (await RowsAsync(partition, cancellationToken)).Where(r => r.GetBoolean("Complete") == true)
            .OrderByDescending(r => r.RowKey, StringComparer.Ordinal).ToList();
        foreach (var old in complete.Skip(keep))
        {
            await _container.GetBlobClient(BlobName(old.GetString("ReportKey"), long.Parse(old.RowKey, System.Globalization.CultureInfo.InvariantCulture)))
                .DeleteIfExistsAsync(cancellationToken: cancellationToken);
            await _table.DeleteEntityAsync(old.PartitionKey, old.RowKey, ETag.All, cancellationToken);
        }
    }

    private async Task<List<TableEntity>> RowsAsync(string partition, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    private static string BlobName(string reportKey, long version) =>
        $"{Uri.EscapeDataString(reportKey)}/{version.ToString("D12", System.Globalization.CultureInfo.InvariantCulture)}";

    private static HubVersion ToVersion(TableEntity row) =>
        new(row.GetString("ReportKey"), long.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture), row.GetString("ReportName"),
            row.GetString("FileName"), row.GetInt64("Size") ?? 0, row.GetString("Sha256"), row.GetDateTimeOffset("PublishedAt") ?? default)
        {
            RunId = row.GetString("RunId"),
            Folder = row.GetString("Folder"),
            Users = (row.GetString("Users") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries),
            Groups = (row.GetString("Groups") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries),
        };
}
