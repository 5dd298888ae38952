using Courier.Durable.Client;
using Courier.Durable.Dispatch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Courier.Durable.Hosting;

/// <summary>One line registers the runtime: <c>services.AddDurable(b => b.AddOrchestrator&lt;T&gt;().AddActivity&lt;T&gt;())</c>.</summary>
public static class DurableServiceCollectionExtensions
{
    public static IServiceCollection AddDurable(this IServiceCollection services, Action<DurableBuilder> configure, Action<DurableOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var registry = new TaskRegistry();
        configure(new DurableBuilder(registry));

        services.AddOptions<DurableOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<DurableOptions>>(sp => new ConfigureOptions<DurableOptions>(options => BindFromConfiguration(sp.GetService<IConfiguration>(), options)));
        if (configureOptions is not null)
        {
            services.Configure(configureOptions);
        }
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableOptions>, DurableOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDispatchHooks, NoDispatchHooks>();
        services.AddSingleton(sp => new HubContext(
            sp.GetRequiredService<IOptions<DurableOptions>>().Value,
            registry,
            sp,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetRequiredService<IDispatchHooks>()));
        services.AddSingleton(sp => new DurableTaskClient(sp.GetRequiredService<HubContext>()));
        services.AddHostedService(sp => new DurableWorker(sp.GetRequiredService<HubContext>()));
        services.AddHostedService(sp => new LostStartSweeper(sp.GetRequiredService<HubContext>()));
        return services;
    }

    private static void BindFromConfiguration(IConfiguration? configuration, DurableOptions options)
    {
        if (configuration is null)
        {
            return;
        }
        configuration.GetSection(DurableOptions.SectionName).Bind(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            options.ConnectionString = configuration["AzureWebJobsStorage"] ?? configuration.GetConnectionString("AzureWebJobsStorage");
        }
    }
}
