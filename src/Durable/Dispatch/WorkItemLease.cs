using Azure;
using Azure.Storage.Queues;

namespace Courier.Durable.Dispatch;

/// <summary>
/// Keeps a work item invisible while its activity runs by renewing the visibility at half the
/// timeout. Each renewal changes the pop receipt, so the latest one is what deletes the message.
/// </summary>
internal sealed class WorkItemLease(QueueClient queue, string messageId, string popReceipt, TimeSpan visibility) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _renewals = Task.CompletedTask;

    public string PopReceipt { get; private set; } = popReceipt;

    public WorkItemLease Start()
    {
        _renewals = RenewAsync();
        return this;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _renewals;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RenewAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(visibility / 2, _stop.Token);
                var receipt = await queue.UpdateMessageAsync(messageId, PopReceipt, visibilityTimeout: visibility, cancellationToken: CancellationToken.None);
                PopReceipt = receipt.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the activity finished.
        }
        catch (RequestFailedException)
        {
            // The message is no longer ours (it timed out and someone else took it); the result still goes out.
        }
    }
}
