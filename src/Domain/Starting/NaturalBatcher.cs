namespace Courier.Domain.Starting;

/// <summary>
/// Lets concurrent callers share one storage round trip: each call waits in line, and one loop takes everything
/// waiting (up to a maximum) as one batch. Nothing is delayed to gather a batch: an idle batcher sends a lone call at
/// once, and calls arriving while a batch is in flight form the next one, so batches grow exactly with the load.
/// A failing batch fails only its own callers.
/// </summary>
/// <param name="process">Answers a batch, one result per item in the same order.</param>
public sealed class NaturalBatcher<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> process, int maxBatch)
{
    private readonly Lock _gate = new();
    private readonly Queue<(TItem Item, TaskCompletionSource<TResult> Answer)> _waiting = new();
    private bool _draining;

    /// <summary>
    /// The item's result. Cancelling stops the wait, not the batch: once sent, the item is processed with the rest.
    /// </summary>
    public Task<TResult> RunAsync(TItem item, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool startLoop;
        lock (_gate)
        {
            _waiting.Enqueue((item, answer));
            startLoop = !_draining;
            _draining = true;
        }
        if (startLoop)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }
        return answer.Task.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var batch = new List<(TItem Item, TaskCompletionSource<TResult> Answer)>();
            lock (_gate)
            {
                while (batch.Count < maxBatch && _waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
                if (batch.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }
            try
            {
                var results = await process([.. batch.Select(b => b.Item)]);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Answer.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                // The batch's failure is its callers' failure, each of them gets it.
                foreach (var (_, answer) in batch)
                {
                    answer.TrySetException(e);
                }
            }
        }
    }
}
