using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Courier.Durable.Execution;
using Courier.Durable.Storage;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Keeps an instance's Instances row in step with its history. Writes are If-Match; a row that
/// already reflects a later checkpoint is never overwritten with an older state.
/// </summary>
internal sealed class InstanceRowWriter(HubContext hub)
{
    public async Task<TableEntity?> ReadAsync(InstanceSession session, CancellationToken cancellationToken)
    {
        var row = await hub.Instances.GetRowAsync(session.History.InstanceId, cancellationToken);
        session.RowETag = row?.ETag;
        return row;
    }

    /// <summary>Writes the state an episode produced, skipping the write when nothing visible changed.</summary>
    public async Task WriteAsync(InstanceSession session, HistoryEvent start, ExecutionResult result, bool firstEpisode, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var status = result.Status == OrchestrationRuntimeStatus.ContinuedAsNew ? OrchestrationRuntimeStatus.Running : result.Status;
        if (!firstEpisode && session.RowSynced && status == OrchestrationRuntimeStatus.Running
            && session.WrittenStatus == status && session.WrittenCustomStatus == result.CustomStatus)
        {
            return;
        }
        var instanceId = session.History.InstanceId;
        var row = hub.Instances.NewRow(instanceId);
        row["Name"] = start.Name;
        row["Status"] = status.ToString();
        row["ExecutionId"] = result.ContinueAsNewStart?.ExecutionId ?? session.History.ExecutionId;
        row["Checkpoint"] = session.History.Checkpoint;
        row["LastUpdatedAt"] = now;
        await hub.Instances.SetPayloadAsync(row, instanceId, "CustomStatus", result.CustomStatus, cancellationToken);
        if (result.ContinueAsNewStart is { } next)
        {
            await hub.Instances.SetPayloadAsync(row, instanceId, "Input", next.Data, cancellationToken);
        }
        else if (firstEpisode)
        {
            await hub.Instances.SetPayloadAsync(row, instanceId, "Input", start.Data, cancellationToken);
        }
        if (status is not OrchestrationRuntimeStatus.Running)
        {
            await hub.Instances.SetPayloadAsync(row, instanceId, "Output", result.Output, cancellationToken);
            row["Failure"] = result.Failure is null ? null : JsonSerializer.Serialize(result.Failure, DurableJson.Options);
            row["CompletedAt"] = now;
        }
        await WriteRowAsync(session, row, start.Timestamp, cancellationToken);
        session.RowSynced = true;
        session.WrittenStatus = status;
        session.WrittenCustomStatus = result.CustomStatus;
    }

    /// <summary>
    /// After a crash between the history commit and the row update, the next episode may find only
    /// duplicates: it rebuilds the row from history (once per session) so the client sees the truth.
    /// </summary>
    public async Task RepairAsync(InstanceSession session, CancellationToken cancellationToken)
    {
        var history = session.History;
        if (session.RowSynced || history.ETag is null || history.Start is not { } start)
        {
            return;
        }
        var row = await ReadAsync(session, cancellationToken);
        if (row is not null && (row.GetInt64("Checkpoint") ?? 0) >= history.Checkpoint)
        {
            session.RowSynced = true;
            return;
        }
        var orchestrator = hub.Registry.CreateOrchestrator(hub.Services, start.Name ?? "");
        if (orchestrator is null)
        {
            return;
        }
        var state = OrchestrationExecutor.Execute(orchestrator, history.InstanceId, history.Events, [], hub.LoggerFactory);
        if (history.Events[^1] is { Type: EventType.ExecutionCompleted, Status: OrchestrationRuntimeStatus.ContinuedAsNew } last)
        {
            state = state with { ContinueAsNewStart = (state.ContinueAsNewStart ?? start) with { ExecutionId = last.ExecutionId } };
        }
        await WriteAsync(session, start, state, firstEpisode: history.Events.Count <= 4, hub.Time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// A terminate that reaches a scheduled instance before its start ends it without running it (as
    /// Failed when it carries a failure: the runtime gave up on a poisoned message for it).
    /// </summary>
    public async Task MarkTerminatedBeforeStartAsync(InstanceSession session, TableEntity row, HistoryEvent terminate, CancellationToken cancellationToken)
    {
        var update = new TableEntity(row.PartitionKey, row.RowKey)
        {
            ["Status"] = (terminate.Failure is null ? OrchestrationRuntimeStatus.Terminated : OrchestrationRuntimeStatus.Failed).ToString(),
            ["LastUpdatedAt"] = hub.Time.GetUtcNow(),
            ["CompletedAt"] = hub.Time.GetUtcNow(),
        };
        if (terminate.Failure is { } failure)
        {
            update["Failure"] = JsonSerializer.Serialize(failure, DurableJson.Options);
        }
        await hub.Instances.SetPayloadAsync(update, session.History.InstanceId, "Output", terminate.Data, cancellationToken);
        session.RowETag = await hub.Instances.TryMergeAsync(update, row.ETag, cancellationToken);
    }

    private async Task WriteRowAsync(InstanceSession session, TableEntity row, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var checkpoint = row.GetInt64("Checkpoint") ?? 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (session.RowETag is { } etag)
            {
                if (await hub.Instances.TryMergeAsync(row, etag, cancellationToken) is { } written)
                {
                    session.RowETag = written;
                    return;
                }
            }
            var current = await hub.Instances.GetRowAsync(session.History.InstanceId, cancellationToken);
            if (current is null)
            {
                row["CreatedAt"] = createdAt;
                if (await hub.Instances.TryAddAsync(row, cancellationToken) is { } added)
                {
                    session.RowETag = added;
                    return;
                }
                continue;
            }
            if ((current.GetInt64("Checkpoint") ?? 0) > checkpoint)
            {
                // Someone already recorded a later state; ours is older and must not win.
                session.RowETag = current.ETag;
                return;
            }
            session.RowETag = current.ETag;
        }
        throw new RequestFailedException($"The Instances row of '{session.History.InstanceId}' kept changing; giving up this update.");
    }
}
