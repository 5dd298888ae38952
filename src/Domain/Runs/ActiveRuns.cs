using Azure;
using Azure.Data.Tables;

namespace Courier.Domain.Runs;

/// <summary>
/// The one run a task may have going at a time. A start claims the task with an insert, which only
/// one of any number of racing starters (hosts, triggers) can win; the run releases it when it ends.
/// A claim whose run is no longer active (it ended without releasing, e.g. it was terminated) is
/// taken over, so a crash never blocks a task for good. A claim is a row of table <c>runs</c> beside the task's
/// records (<see cref="RunKeys.Claim"/>), so a batch of starts can add claims and records in one transaction.
/// </summary>
public sealed class ActiveRuns(TableServiceClient tables)
{
    private readonly TableClient _table = tables.GetTableClient(RunRepository.TableName);
    private bool _created;

    /// <summary>Claims the task for <paramref name="runId"/>; otherwise returns the run that holds it.</summary>
    /// <param name="isActive">Whether a recorded run is still going (asked of the orchestration runtime).</param>
    public async Task<(bool Claimed, string? HeldBy)> TryClaimAsync(
        Guid taskId, string runId, Func<string, Task<bool>> isActive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isActive);
        await EnsureTableAsync(cancellationToken);
        var (partition, row) = (RunKeys.Partition(taskId), RunKeys.Claim(taskId));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await _table.AddEntityAsync(Claim(taskId, runId), cancellationToken);
                return (true, null);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
                if (!existing.HasValue)
                {
                    continue;
                }
                var holder = existing.Value!.GetString("RunId") ?? "";
                if (await isActive(holder))
                {
                    return (false, holder);
                }
                try
                {
                    await _table.UpdateEntityAsync(
                        Claim(taskId, runId), existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                    return (true, null);
                }
                catch (RequestFailedException conflict) when (conflict.Status is 412 or 404)
                {
                    // Another starter took over the stale claim first; look again.
                }
            }
        }
        var current = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return (false, current.HasValue ? current.Value!.GetString("RunId") : null);
    }

    /// <summary>Releases the claim if <paramref name="runId"/> still holds it (safe to repeat).</summary>
    public async Task ReleaseAsync(Guid taskId, string runId, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(RunKeys.Partition(taskId), RunKeys.Claim(taskId), cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value!.GetString("RunId") != runId)
        {
            return;
        }
        try
        {
            await _table.DeleteEntityAsync(existing.Value.PartitionKey, existing.Value.RowKey, existing.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Already released, or already claimed by the next run.
        }
    }

    internal static TableEntity Claim(Guid taskId, string runId) =>
        new(RunKeys.Partition(taskId), RunKeys.Claim(taskId)) { ["RunId"] = runId };

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }
}
