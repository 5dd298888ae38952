using Courier.Durable.Storage;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Sends the invisible chunk work items of activities that will run in this process. Episodes that
/// finish while a send is in flight share the next one, like a group commit: with many small episodes
/// (one activity each) the safety net costs a send and a delete per group, not per episode. Nothing
/// waits on a timer: a lone episode's chunk goes out at once.
/// </summary>
internal sealed class LocalChunkSender(HubContext hub)
{
    private readonly Lock _sync = new();
    private List<Request> _waiting = [];
    private bool _sending;

    /// <summary>
    /// Sends the chunks holding <paramref name="bodies"/> (work-item bodies of one episode). Returns each
    /// activity that went out with the lease of its chunk, and the first error when some did not.
    /// </summary>
    public async Task<(List<(TaskMessage Activity, ChunkLease Chunk)> Sent, Exception? Error)> SendAsync(IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        var activities = new List<TaskMessage>(bodies.Count);
        foreach (var body in bodies)
        {
            activities.Add(await hub.Codec.DecodeAsync(body, cancellationToken));
        }
        var request = new Request(bodies, activities);
        bool lead;
        lock (_sync)
        {
            _waiting.Add(request);
            lead = !_sending;
            _sending = true;
        }
        if (lead)
        {
            _ = Task.Run(PumpAsync, CancellationToken.None);
        }
        return await request.Done.Task;
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            List<Request> group;
            lock (_sync)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }
                group = _waiting;
                _waiting = [];
            }
            try
            {
                await SendGroupAsync(group);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Never leave an episode waiting: what did not go out is reported to it as failed.
                foreach (var request in group)
                {
                    request.Done.TrySetResult((request.Sent, request.Error ?? e));
                }
            }
        }
    }

    private async Task SendGroupAsync(List<Request> group)
    {
        var items = group.SelectMany(r => r.Activities.Select((activity, i) => (Request: r, Body: r.Bodies[i], Activity: activity))).ToList();
        var chunks = WorkItemChunk.Group([.. items.Select(i => i.Body)]);
        var visibility = hub.Options.StorageProvider.WorkItemQueueVisibilityTimeout;
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (chunk, _) =>
        {
            var members = chunk.Select(i => items[i]).ToList();
            try
            {
                var message = new OutboxMessage(hub.Storage.WorkItems.Name, new WorkItemChunk([.. members.Select(m => m.Body)], LocalAttempts: 1).Encode(), null);
                var receipt = await hub.Queues.SendInvisibleAsync(message, visibility, CancellationToken.None);
                var lease = new ChunkLease(hub.Storage.WorkItems, receipt.MessageId, receipt.PopReceipt, members.Select(m => ChunkLease.KeyOf(m.Activity)), visibility).Start();
                foreach (var member in members)
                {
                    lock (member.Request)
                    {
                        member.Request.Sent.Add((member.Activity, lease));
                    }
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                foreach (var member in members)
                {
                    lock (member.Request)
                    {
                        member.Request.Error ??= e;
                    }
                }
            }
        });
        foreach (var request in group)
        {
            request.Done.TrySetResult((request.Sent, request.Error));
        }
    }

    private sealed class Request(IReadOnlyList<string> bodies, List<TaskMessage> activities)
    {
        public IReadOnlyList<string> Bodies => bodies;

        public List<TaskMessage> Activities => activities;

        public List<(TaskMessage Activity, ChunkLease Chunk)> Sent { get; } = [];

        public Exception? Error { get; set; }

        public TaskCompletionSource<(List<(TaskMessage, ChunkLease)>, Exception?)> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
