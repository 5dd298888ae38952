using Courier.Durable.Hosting;
using Courier.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Dispatch;

/// <summary>The shared services of one task hub in one process (storage clients, codecs, clock, hooks).</summary>
internal sealed class HubContext
{
    public HubContext(DurableOptions options, TaskRegistry registry, IServiceProvider services, TimeProvider time, ILoggerFactory loggerFactory, IDispatchHooks hooks)
    {
        Options = options;
        Registry = registry;
        Services = services;
        Time = time;
        LoggerFactory = loggerFactory;
        Hooks = hooks;
        Storage = TaskHubStorage.From(options);
        Payloads = new PayloadStore(Storage.LargePayloads);
        History = new HistoryStore(Storage.History, Payloads);
        Instances = new InstanceStore(Storage.Instances, Payloads, Storage.PartitionOf);
        Codec = new MessageCodec(Payloads);
        Signals = new DispatchSignals(Storage);
        Queues = new QueueOperations(this);
        _created = new Lazy<Task>(() => Storage.CreateIfNotExistsAsync(CancellationToken.None));
    }

    private readonly Lazy<Task> _created;

    /// <summary>Creates the hub's tables, queues and container once per process.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _created.Value.WaitAsync(cancellationToken);

    public DurableOptions Options { get; }

    public TaskRegistry Registry { get; }

    public IServiceProvider Services { get; }

    public TimeProvider Time { get; }

    public ILoggerFactory LoggerFactory { get; }

    public IDispatchHooks Hooks { get; }

    public TaskHubStorage Storage { get; }

    public PayloadStore Payloads { get; }

    public HistoryStore History { get; }

    public InstanceStore Instances { get; }

    public MessageCodec Codec { get; }

    public DispatchSignals Signals { get; }

    public QueueOperations Queues { get; }
}
