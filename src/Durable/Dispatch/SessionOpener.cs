using Courier.Durable.Execution;
using Courier.Durable.Storage;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Opens the session of an instance this process holds none for. A client-started instance's first
/// episode needs its Instances row anyway (the start check); when that row shows the start was never
/// committed (Pending, the start's execution, no checkpoint recorded), the history is known to be empty
/// and its sentinel is not read: one request less per new instance. A wrong guess cannot do harm, as a
/// first commit adds the sentinel and fails (409) when one exists, and the episode's messages come back.
/// Only on a first delivery: a message that comes back may follow a crash between a commit and its row
/// update, the one case where the row lags the history, and is then run against the loaded history.
/// </summary>
internal sealed class SessionOpener(HubContext hub)
{
    private readonly InstanceRowWriter _rows = new(hub);

    public async Task<InstanceSession> OpenAsync(string instanceId, IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        var session = new InstanceSession(new InstanceHistory { InstanceId = instanceId });
        var start = messages.FirstOrDefault(m => m.Message.Event.Type == EventType.ExecutionStarted)?.Message;
        // A sub-orchestration has no row until its first episode writes one: nothing to learn from it.
        if (start is { Event.Parent: null } && messages.All(m => m.DequeueCount <= 1))
        {
            var row = await _rows.ReadAsync(session, cancellationToken);
            session.OpeningRow = row;
            if (row is not null
                && InstanceStore.StatusOf(row) == OrchestrationRuntimeStatus.Pending
                && row.GetString("ExecutionId") == (start.ExecutionId ?? start.Event.ExecutionId)
                && (row.GetInt64("Checkpoint") ?? 0) == 0)
            {
                session.HistoryAssumedEmpty = true;
                return session;
            }
        }
        session.History = await hub.History.LoadAsync(instanceId, cancellationToken);
        return session;
    }
}
