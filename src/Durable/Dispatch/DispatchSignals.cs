using Courier.Durable.Storage;

namespace Courier.Durable.Dispatch;

/// <summary>The in-process wake-up signals of every queue of the hub.</summary>
internal sealed class DispatchSignals
{
    private readonly Dictionary<string, QueueSignal> _byQueue;

    public DispatchSignals(TaskHubStorage storage)
    {
        _byQueue = storage.ControlQueues.Append(storage.WorkItems).ToDictionary(q => q.Name, _ => new QueueSignal(), StringComparer.Ordinal);
    }

    public QueueSignal For(string queueName) => _byQueue.TryGetValue(queueName, out var signal) ? signal : new QueueSignal();
}
