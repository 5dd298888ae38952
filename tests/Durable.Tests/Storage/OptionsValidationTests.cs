using Courier.Durable.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Courier.Durable.Tests.Storage;

public sealed class OptionsValidationTests
{
    [Fact]
    public async Task Invalid_settings_stop_the_host_at_start_up_naming_each_setting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["extensions:durableTask:hubName"] = "Bad_Hub",
            ["extensions:durableTask:storageProvider:partitionCount"] = "17",
            ["extensions:durableTask:maxCachedSessions"] = "0",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        });
        builder.Services.AddDurable(b => b.AddOrchestrator<Worker.HelloSequence>());
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(error.Failures, f => f.Contains("hubName", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("partitionCount", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("maxCachedSessions", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:03:00", "00:02:00", true)]
    [InlineData("00:02:00", "00:05:00", false)]
    [InlineData("00:00:03", "00:00:03", false)]
    [InlineData("00:00:03", "00:00:02", true)]
    public void Control_messages_must_be_renewed_before_a_work_item_held_with_them_times_out(string control, string workItem, bool rejected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["extensions:durableTask:hubName"] = "courier",
            ["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = control,
            ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = workItem,
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        });
        builder.Services.AddDurable(b => b.AddActivity<Worker.SayHello>());
        using var host = builder.Build();
        var error = Record.Exception(() => host.Services.GetRequiredService<IOptions<DurableOptions>>().Value);
        var failures = (error as OptionsValidationException)?.Failures ?? [];
        Assert.Equal(rejected, failures.Any(f => f.Contains("controlQueueVisibilityTimeout / 3", StringComparison.Ordinal)));
    }

    [Fact]
    public void Settings_bind_from_the_host_json_section()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["extensions:durableTask:hubName"] = "courier",
            ["extensions:durableTask:storageProvider:partitionCount"] = "4",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:01",
            ["extensions:durableTask:storageProvider:poisonMessageDequeueCount"] = "5",
            ["extensions:durableTask:maxConcurrentActivityFunctions"] = "16",
            ["extensions:durableTask:maxCachedSessions"] = "5000",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        });
        builder.Services.AddDurable(b => b.AddActivity<Worker.SayHello>());
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<DurableOptions>>().Value;
        Assert.Equal("courier", options.HubName);
        Assert.Equal(4, options.StorageProvider.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(1), options.StorageProvider.MaxQueuePollingInterval);
        Assert.Equal(5, options.StorageProvider.PoisonMessageDequeueCount);
        Assert.Equal(16, options.MaxConcurrentActivityFunctions);
        Assert.Equal(5000, options.MaxCachedSessions);
        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
    }
}
