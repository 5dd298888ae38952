using Courier.Durable.Client;
using Courier.Durable.Dispatch;
using Courier.Durable.Execution;
using Courier.Durable.Hosting;
using Courier.Durable.Storage;
using Courier.Durable.Worker;
using Courier.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Courier.Durable.Tests.Support;

/// <summary>An in-process host of the runtime on its own task hub in the shared Azurite.</summary>
internal sealed class TestHub : IAsyncDisposable
{
    private readonly IHost _host;

    private TestHub(IHost host, string hubName, string connectionString)
    {
        _host = host;
        HubName = hubName;
        ConnectionString = connectionString;
    }

    public string HubName { get; }

    public string ConnectionString { get; }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public HubContext Hub => _host.Services.GetRequiredService<HubContext>();

    public EffectLog Effects => _host.Services.GetRequiredService<EffectLog>();

    public static async Task<TestHub> StartAsync(
        string connectionString,
        Action<DurableOptions>? configure = null,
        TimeProvider? time = null,
        IDispatchHooks? hooks = null,
        string? hubName = null)
    {
        var name = hubName ?? UniqueName.For("hub");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("COURIER_DURABLE_TEST_LOG") is { Length: > 0 } logFile)
        {
            builder.Logging.AddProvider(new FileLoggerProvider(logFile)).SetMinimumLevel(LogLevel.Debug).AddFilter("Azure", LogLevel.Warning);
        }
        builder.Services.AddSingleton(new EffectLog(connectionString, name));
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        if (hooks is not null)
        {
            builder.Services.AddSingleton(hooks);
        }
        builder.Services.AddDurable(b => b.AddTestTasks(), options =>
        {
            WorkerSettings.Apply(options, connectionString, name);
            options.StorageProvider.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
            options.StorageProvider.UsePartitionLeases = false;
            configure?.Invoke(options);
        });
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<HubContext>().EnsureCreatedAsync(CancellationToken.None);
        return new TestHub(host, name, connectionString);
    }

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input, string? instanceId = null, int seconds = 60)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions { InstanceId = instanceId });
        return await WaitAsync(id, seconds);
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, int seconds = 60)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
    }

    public async Task<OrchestrationMetadata> WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status, int seconds = 30)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            if (await Client.GetInstanceAsync(instanceId, true, deadline.Token) is { } instance && instance.RuntimeStatus == status)
            {
                return instance;
            }
            await Task.Delay(50, deadline.Token);
        }
    }

    public Task<InstanceHistory> HistoryAsync(string instanceId) => Hub.History.LoadAsync(instanceId, CancellationToken.None);

    /// <summary>Waits (with a deadline) until the instance's committed history satisfies a condition.</summary>
    public async Task<InstanceHistory> WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition, int seconds = 30)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var history = await HistoryAsync(instanceId);
            if (condition(history.Events))
            {
                return history;
            }
            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>Waits until the instance's control queue holds no message (visible or in flight).</summary>
    public async Task WaitForControlQueueDrainedAsync(string instanceId, int seconds = 30)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var queue = Hub.Storage.ControlQueueFor(instanceId);
        while ((await queue.GetPropertiesAsync(deadline.Token)).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    public Task SendAsync(string instanceId, string? executionId, HistoryEvent e) =>
        Hub.Queues.SendAsync(Hub.Storage.ControlQueueFor(instanceId), new TaskMessage { InstanceId = instanceId, ExecutionId = executionId, Event = e }, null, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }
}
